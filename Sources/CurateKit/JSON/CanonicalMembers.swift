import Foundation

/// The member names a reader of one kind of object knows: an enum whose raw values
/// count from 0, so a name is also its slot.
protocol MemberName: CaseIterable, RawRepresentable where RawValue == Int {
    /// The member's key in JSON.
    var key: String { get }
    /// Put before a member's key in errors: `prompt.` for the members of `prompt`.
    static var errorPrefix: String { get }
    /// Whether the member's value tends to be the same text from object to object (a
    /// record's model or prompt), so a reader remembers its last few values as they were written.
    var repeats: Bool { get }
}

extension MemberName {
    var repeats: Bool { false }
}

/// The members of one JSON object, each value validated and kept in canonical form
/// (as ``JSONWriter/canonical(_:)`` writes it), found by name without building a tree.
///
/// Made for the ingest hot path: one reader is reused line after line, so reading a
/// record allocates nothing once its buffers have grown, and a name is matched by
/// comparing bytes, not by hashing strings.
struct CanonicalMembers<Name: MemberName> {
    /// Every member's canonical value, back to back.
    private var values: [UInt8] = []
    /// Where each known member's value sits in `values`, by the name's raw value.
    private var ranges: [Range<Int>?]
    /// The UTF-8 of every name's key, by raw value.
    private let names: [[UInt8]]
    /// The keys (decoded) of members that are not a `Name`, to refuse them twice.
    private var unknownKeys: [[UInt8]] = []
    private var scratch = JSONParser.CanonicalScratch()
    /// The last few values of each repeating member, by raw value: their JSON as written
    /// (the key), and its canonical form. A value written the same way again is copied
    /// from here instead of being validated and canonicalized again.
    private var recentValues: [RecentValues<[UInt8]>?]
    /// The first member, in input order, whose name is not a `Name`.
    private(set) var firstUnknownKey: String?

    init() {
        let sorted = Name.allCases.sorted { $0.rawValue < $1.rawValue }
        names = sorted.map { Array($0.key.utf8) }
        ranges = Array(repeating: nil, count: names.count)
        recentValues = sorted.map { $0.repeats ? RecentValues(limit: 4) : nil }
    }

    /// Reads the object starting at the parser's current byte (`{`) up to its closing brace.
    /// - Throws: ``JSONParser/SyntaxError`` for anything that is not JSON, or a key given twice.
    mutating func read(from parser: inout JSONParser) throws(JSONParser.SyntaxError) {
        values.removeAll(keepingCapacity: true)
        unknownKeys.removeAll(keepingCapacity: true)
        for position in ranges.indices { ranges[position] = nil }
        firstUnknownKey = nil
        parser.index += 1
        parser.skipWhitespace()
        if parser.current == UInt8(ascii: "}") {
            parser.index += 1
            return
        }
        while true {
            guard parser.current == UInt8(ascii: "\"") else { throw parser.error("expected a string key in an object") }
            let keyOffset = parser.index
            let token = try parser.scanString()
            let known: Int?
            if let decoded = token.decoded {
                known = decoded.withUnsafeBytes { position(of: $0) }
            } else {
                known = position(of: UnsafeRawBufferPointer(rebasing: parser.bytes[token.raw]))
            }
            if let known {
                if ranges[known] != nil { throw Self.duplicateKey(names[known], at: keyOffset) }
            } else {
                let key = token.decoded ?? Array(parser.bytes[token.raw])
                if unknownKeys.contains(key) { throw Self.duplicateKey(key, at: keyOffset) }
                unknownKeys.append(key)
                if firstUnknownKey == nil { firstUnknownKey = String(decoding: key, as: UTF8.self) }
            }
            parser.skipWhitespace()
            guard parser.current == UInt8(ascii: ":") else { throw parser.error("expected ':' after an object key") }
            parser.index += 1
            parser.skipWhitespace()
            let start = values.count
            if let known, recentValues[known] != nil {
                try readRepeatingValue(known, from: &parser)
            } else {
                try parser.canonicalizeValue(into: &values, scratch: &scratch)
            }
            if let known { ranges[known] = start..<values.count }
            parser.skipWhitespace()
            if parser.current == UInt8(ascii: ",") {
                parser.index += 1
                parser.skipWhitespace()
            } else if parser.current == UInt8(ascii: "}") {
                parser.index += 1
                return
            } else {
                throw parser.error("expected ',' or '}' in an object")
            }
        }
    }

    /// Whether the object has the member, whatever its value (`null` included).
    func has(_ name: Name) -> Bool {
        range(name) != nil
    }

    /// The member's value as canonical JSON, or nil when absent.
    func json(_ name: Name) -> String? {
        range(name).map { String(decoding: values[$0], as: UTF8.self) }
    }

    /// The member's JSON type as errors name it ("a string", "an object", …), or nil when absent.
    func type(_ name: Name) -> String? {
        guard let range = range(name) else { return nil }
        switch values[range.lowerBound] {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        default: return "a number"
        }
    }

    /// Whether the member is present and `null`.
    func isNull(_ name: Name) -> Bool {
        type(name) == "null"
    }

    /// Whether the member is the empty string `""`.
    func isEmptyString(_ name: Name) -> Bool {
        range(name)?.count == 2 && type(name) == "a string"
    }

    /// The member's value decoded, when it is a string.
    func string(_ name: Name) -> String? {
        guard let range = range(name), values[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return JSONParser.decodedString(ofCanonical: values[range])
    }

    /// Calls `body` with the member's canonical bytes, or with nil when absent.
    func withCanonicalBytes<T>(_ name: Name, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
        guard let range = range(name) else { return try body(nil) }
        return try values.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Reads the value of repeating member `slot`: copied when the input holds, at the
    /// parser's position, a value written exactly as one read lately (a whole JSON value,
    /// then the end of the member), canonicalized and remembered otherwise.
    private mutating func readRepeatingValue(_ slot: Int, from parser: inout JSONParser) throws(JSONParser.SyntaxError) {
        let rest = UnsafeRawBufferPointer(rebasing: parser.bytes[parser.index...])
        if let (length, canonical) = recentValues[slot]?.value(prefixing: rest), parser.isMemberEnd(at: parser.index + length) {
            values.append(contentsOf: canonical)
            parser.index += length
            return
        }
        let rawStart = parser.index
        let start = values.count
        try parser.canonicalizeValue(into: &values, scratch: &scratch)
        recentValues[slot]?.remember(Array(values[start...]), for: UnsafeRawBufferPointer(rebasing: parser.bytes[rawStart..<parser.index]))
    }

    private func range(_ name: Name) -> Range<Int>? {
        ranges[name.rawValue]
    }

    /// The position in `names` of a decoded key, when it is one of them.
    private func position(of key: UnsafeRawBufferPointer) -> Int? {
        for (position, name) in names.enumerated() where name.count == key.count {
            if name.withUnsafeBytes({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) { return position }
        }
        return nil
    }

    private static func duplicateKey(_ key: [UInt8], at offset: Int) -> JSONParser.SyntaxError {
        JSONParser.SyntaxError(offset: offset, reason: "duplicate key \"\(String(decoding: key, as: UTF8.self))\" in an object")
    }
}
