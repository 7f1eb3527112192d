/// An instant in UTC with nanosecond precision, read from and written as RFC 3339.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// Seconds since the epoch, the way a clock gives them.
    public init(secondsSinceEpoch seconds: Double) {
        self.nanosecondsSinceEpoch = Int64((seconds * 1_000_000_000).rounded())
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// The earliest supported time, 1678-01-01T00:00:00Z.
    ///
    /// Times are stored as Int64 nanoseconds, which reach from 1677-09-21 to 2262-04-11; the
    /// supported range is the whole years inside that, so a time zone offset or a day's
    /// arithmetic near either end can never overflow.
    public static let earliest = Timestamp(nanosecondsSinceEpoch: earliestSecond * nanosPerSecond)
    /// The latest supported time, 2261-12-31T23:59:59.999999999Z.
    public static let latest = Timestamp(nanosecondsSinceEpoch: latestSecond * nanosPerSecond + nanosPerSecond - 1)
    /// The supported range in words, for error messages.
    public static let supportedRangeDescription = "\(earliest.rfc3339) … \(latest.rfc3339)"

    static let nanosPerSecond: Int64 = 1_000_000_000
    /// 1678-01-01T00:00:00Z in seconds since the epoch.
    static let earliestSecond = CivilCalendar.daysSinceEpoch(year: 1678, month: 1, day: 1) * 86_400
    /// 2261-12-31T23:59:59Z in seconds since the epoch.
    static let latestSecond = CivilCalendar.daysSinceEpoch(year: 2262, month: 1, day: 1) * 86_400 - 1

    /// Why a text is not a supported time.
    public enum ReadFailure: Error, Sendable, Equatable {
        /// It is not an RFC 3339 date-time (or names an impossible date).
        case notRFC3339
        /// It is a valid RFC 3339 time outside ``earliest`` … ``latest``.
        case outOfRange
    }

    /// Parses an RFC 3339 date-time (`2026-06-01T12:00:00Z`, `…T12:00:00.250+02:00`).
    ///
    /// Accepts `T`, `t` or a space between date and time, `Z` or `z`, up to nine fraction
    /// digits, and a leap second (`23:59:60` UTC), read as the last nanosecond of its minute
    /// (`23:59:59.999999999`). Returns nil for anything else, including impossible dates and
    /// times outside ``earliest`` … ``latest``.
    public init?(rfc3339 text: String) {
        guard case .success(let value) = Self.read(rfc3339: text) else { return nil }
        self = value
    }

    /// Reads an RFC 3339 time from its UTF-8 bytes, as the `String` initializer does.
    init?(rfc3339 bytes: UnsafeRawBufferPointer) {
        guard case .success(let value) = Self.read(rfc3339: bytes) else { return nil }
        self = value
    }

    /// Reads an RFC 3339 time, or says why it is not a supported one.
    public static func read(rfc3339 text: String) -> Result<Timestamp, ReadFailure> {
        var copy = text
        return copy.withUTF8 { read(rfc3339: UnsafeRawBufferPointer($0)) }
    }

    /// Reads an RFC 3339 time from its UTF-8 bytes, or says why it is not a supported one.
    static func read(rfc3339 bytes: UnsafeRawBufferPointer) -> Result<Timestamp, ReadFailure> {
        var reader = RFC3339Reader(bytes: bytes.assumingMemoryBound(to: UInt8.self))
        return reader.read().map(Timestamp.init(nanosecondsSinceEpoch:))
    }

    /// Whole seconds since the epoch (`SOURCE_DATE_EPOCH`), or nil outside ``earliest`` … ``latest``.
    public init?(wholeSecondsSinceEpoch seconds: Int64) {
        guard (Self.earliestSecond...Self.latestSecond).contains(seconds) else { return nil }
        self.nanosecondsSinceEpoch = seconds * Self.nanosPerSecond
    }

    /// The UTC RFC 3339 form: `2026-06-01T12:00:00Z`, with a fraction only when non-zero.
    public var rfc3339: String {
        withRFC3339 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of ``rfc3339``, written on the stack (an export writes one
    /// per row, an ingest one per record).
    func withRFC3339<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var seconds = nanosecondsSinceEpoch / Self.nanosPerSecond
        var nanos = nanosecondsSinceEpoch % Self.nanosPerSecond
        if nanos < 0 {
            nanos += Self.nanosPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = CivilCalendar.date(fromDaysSinceEpoch: days)
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { text in
            var count = 0
            func put(_ character: Unicode.Scalar) {
                text[count] = UInt8(ascii: character)
                count += 1
            }
            // Years of Int64 nanoseconds (1677–2262) always fit in four digits.
            func digits(_ value: Int64, _ width: Int) {
                var rest = value
                for position in (count..<count + width).reversed() {
                    text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                count += width
            }
            digits(year, 4)
            put("-")
            digits(month, 2)
            put("-")
            digits(day, 2)
            put("T")
            digits(secondOfDay / 3600, 2)
            put(":")
            digits(secondOfDay / 60 % 60, 2)
            put(":")
            digits(secondOfDay % 60, 2)
            if nanos > 0 {
                put(".")
                digits(nanos, 9)
                while text[count - 1] == UInt8(ascii: "0") { count -= 1 }  // stops at the non-zero digit
            }
            put("Z")
            return try body(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[..<count])))
        }
    }
}

/// Days since the epoch to and from proleptic Gregorian dates (Howard Hinnant's algorithms).
enum CivilCalendar {
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(fromDaysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A one-pass reader of the RFC 3339 `date-time` grammar.
private struct RFC3339Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func read() -> Result<Int64, Timestamp.ReadFailure> {
        guard let (seconds, nanos) = readFields() else { return .failure(.notRFC3339) }
        guard (Timestamp.earliestSecond...Timestamp.latestSecond).contains(seconds) else { return .failure(.outOfRange) }
        return .success(seconds * Timestamp.nanosPerSecond + nanos)
    }

    /// The time's whole seconds since the epoch (at most four-digit years: no overflow) and
    /// its nanoseconds; nil when it is not RFC 3339.
    private mutating func readFields() -> (seconds: Int64, nanos: Int64)? {
        guard let year = digits(4), expect(UInt8(ascii: "-")),
              let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2) else { return nil }
        guard index < bytes.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index]) else { return nil }
        index += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")),
              let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2) else { return nil }
        var nanos: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var count = 0
            while index < bytes.count, let digit = digit(bytes[index]) {
                count += 1
                guard count <= 9 else { return nil }
                nanos = nanos * 10 + digit
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { nanos *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            index += 1
            guard let offsetHour = digits(2), expect(UInt8(ascii: ":")), let offsetMinute = digits(2),
                  offsetHour < 24, offsetMinute < 60 else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        default:
            return nil
        }
        guard index == bytes.count,
              (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second <= 60 else { return nil }
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        guard second == 60 else { return (seconds, nanos) }
        // A leap second is inserted only as 23:59:60 UTC; it is read as the last instant of that minute.
        let secondOfDay = (seconds % 86_400 + 86_400) % 86_400
        guard secondOfDay == 86_399 else { return nil }
        return (seconds, 999_999_999)
    }

    private func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = digit(bytes[index]) else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
