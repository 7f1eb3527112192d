import Testing
@testable import CurateKit

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test("reads RFC 3339 times and writes them in UTC", arguments: [
        ("2026-06-01T12:00:00Z", "2026-06-01T12:00:00Z"),
        ("2026-06-01t12:00:00z", "2026-06-01T12:00:00Z"),
        ("2026-06-01 12:00:00Z", "2026-06-01T12:00:00Z"),
        ("2026-06-01T12:00:00.250Z", "2026-06-01T12:00:00.25Z"),
        ("2026-06-01T12:00:00.123456789Z", "2026-06-01T12:00:00.123456789Z"),
        ("2026-06-01T14:30:00+02:30", "2026-06-01T12:00:00Z"),
        ("2026-06-01T00:00:00-05:00", "2026-06-01T05:00:00Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z"),
        ("2000-03-01T00:00:00+01:00", "2000-02-29T23:00:00Z"),
    ])
    func normalizes(input: String, utc: String) throws {
        let timestamp = try #require(Timestamp(rfc3339: input))
        #expect(timestamp.rfc3339 == utc)
        #expect(Timestamp(rfc3339: utc) == timestamp)
    }

    @Test("refuses what is not an RFC 3339 date-time", arguments: [
        "yesterday", "2026-06-01", "2026-06-01T12:00:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-06-01T24:00:00Z", "2026-06-01T12:60:00Z", "2026-06-01T12:00:60Z",
        "2026-06-01T12:00:00.Z", "2026-06-01T12:00:00.1234567890Z", "2026-06-01T12:00:00+2:00",
        "2026-06-01T12:00:00+24:00", "2026-06-01T12:00:00Z ", "26-06-01T12:00:00Z", "",
    ])
    func refuses(input: String) {
        #expect(Timestamp(rfc3339: input) == nil)
    }

    @Test("orders by instant, not by text")
    func ordersByInstant() throws {
        let later = try #require(Timestamp(rfc3339: "2026-06-01T10:00:00.5Z"))
        let earlier = try #require(Timestamp(rfc3339: "2026-06-01T11:00:00+02:00"))
        #expect(earlier < later)
    }
}
