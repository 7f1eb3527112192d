import Testing
@testable import CurateKit

/// Times at and beyond the ends of the supported range, and leap seconds: nothing a record
/// can say about its time may trap (Int64 nanoseconds hold only 1677-09-21 … 2262-04-11).
@Suite("Supported time range and leap seconds")
struct TimestampRangeTests {
    @Test("a well-formed time outside 1678-01-01 … 2261-12-31 is out of range, not a crash", arguments: [
        "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1600-02-29T00:00:00Z", "1677-09-21T00:12:44Z",
        "1677-12-31T23:59:59.999999999Z", "2262-01-01T00:00:00Z", "2262-04-11T23:47:16Z", "2262-04-12T00:00:00Z",
        "1678-01-01T00:30:00+01:00", "2261-12-31T23:30:00-01:00",
    ])
    func outOfRange(text: String) {
        #expect(Timestamp.read(rfc3339: text) == .failure(.outOfRange))
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("the first and last supported instants are read and written back exactly")
    func bounds() throws {
        let first = try #require(Timestamp(rfc3339: "1678-01-01T00:00:00Z"))
        let last = try #require(Timestamp(rfc3339: "2261-12-31T23:59:59.999999999Z"))
        #expect(first == Timestamp.earliest)
        #expect(last == Timestamp.latest)
        #expect(first.rfc3339 == "1678-01-01T00:00:00Z")
        #expect(last.rfc3339 == "2261-12-31T23:59:59.999999999Z")
        #expect(Timestamp(rfc3339: "2261-12-31T23:59:59-00:00") != nil)
    }

    @Test("a date bound outside the range is no bound (export --until 9999-12-31)", arguments: ["9999-12-31", "0000-01-01", "1600-01-01"])
    func dateBound(text: String) {
        #expect(Timestamp(rfc3339OrDate: text) == nil)
    }

    @Test("a leap second at 23:59:60 UTC is read as the last nanosecond of its minute", arguments: [
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999999999Z"),
        ("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59.999999999Z"),
        ("2015-07-01T01:59:60+02:00", "2015-06-30T23:59:59.999999999Z"),
        ("2016-12-31T18:29:60-05:30", "2016-12-31T23:59:59.999999999Z"),
    ])
    func leapSecond(text: String, utc: String) throws {
        let time = try #require(Timestamp(rfc3339: text))
        #expect(time.rfc3339 == utc)
        let before = try #require(Timestamp(rfc3339: "2016-12-31T23:59:59.999999998Z"))
        let after = try #require(Timestamp(rfc3339: "2017-01-01T00:00:00Z"))
        if utc.hasPrefix("2016") { #expect(before < time && time < after) }
    }

    @Test("second 60 anywhere but 23:59 UTC is not a time", arguments: [
        "2016-12-31T12:00:60Z", "2016-12-31T23:58:60Z", "2016-12-31T23:59:60+01:00", "2016-12-31T23:59:61Z",
    ])
    func notLeapSecond(text: String) {
        #expect(Timestamp.read(rfc3339: text) == .failure(.notRFC3339))
    }

    @Test("whole seconds since the epoch are refused outside the range (SOURCE_DATE_EPOCH)")
    func wholeSeconds() throws {
        #expect(Timestamp(wholeSecondsSinceEpoch: 99_999_999_999_999) == nil)
        #expect(Timestamp(wholeSecondsSinceEpoch: .max) == nil)
        #expect(Timestamp(wholeSecondsSinceEpoch: .min) == nil)
        #expect(try #require(Timestamp(wholeSecondsSinceEpoch: 1_793_491_200)).rfc3339 == "2026-11-01T00:00:00Z")
    }
}
