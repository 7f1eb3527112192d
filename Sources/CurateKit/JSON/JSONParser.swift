/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It is written for the ingest hot path: one pass over a line's bytes, no
/// Foundation, strings built straight from the input when they hold no escapes.
/// It refuses what a lenient parser would guess at: trailing commas, duplicate
/// keys, invalid UTF-8, lone surrogates, leading zeros and trailing bytes.
public struct JSONParser {
    /// Why a text is not JSON, and at which byte offset.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// Zero-based byte offset of the problem within the parsed text.
        public let offset: Int
        /// What is wrong, in a few words ("expected ':' after an object key").
        public let reason: String
    }

    let bytes: UnsafeRawBufferPointer
    var index = 0
    var depth = 0
    private static let maximumDepth = 512

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses `bytes` as exactly one JSON value, surrounded by optional whitespace.
    /// - Throws: ``SyntaxError`` naming the first byte that is not valid JSON.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses a string's UTF-8 as one JSON value.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var copy = text
        let result = copy.withUTF8 { buffer in
            Result { () throws(SyntaxError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: index, reason: reason)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Whether an object member can end at `position`: whitespace, then `,` or `}`.
    func isMemberEnd(at position: Int) -> Bool {
        var position = position
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            case UInt8(ascii: ","), UInt8(ascii: "}"): return true
            default: return false
            }
        }
        return false
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard let byte = current else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case 0xEF where bytes[index...].starts(with: [0xEF, 0xBB, 0xBF]):
            throw error("a UTF-8 byte order mark (U+FEFF) where a value should be; it is allowed only at the start of a file")
        default: throw error("unexpected character, expected a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input in a literal") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error("invalid literal, expected \(literal)")
        }
        index += count
    }

    mutating func enterContainer() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key in an object") }
            let keyOffset = index
            let key = try parseString()
            if members.contains(where: { $0.key == key }) {
                throw SyntaxError(offset: keyOffset, reason: "duplicate key \"\(key)\" in an object")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        try scanNumber()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Moves past the number at the current byte, validating its grammar.
    mutating func scanNumber() throws(SyntaxError) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw error("expected a digit in a number") }
        index += 1
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
            throw error("leading zeros are not allowed in a number")
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            index += 1
            guard let digit = current, isDigit(digit) else { throw error("expected a digit after '.' in a number") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let digit = current, isDigit(digit) else { throw error("expected a digit in a number's exponent") }
            skipDigits()
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }

    /// A scanned string: its raw bytes, and its decoded bytes when it had escapes.
    struct StringToken {
        /// The bytes between the quotes, as written.
        let raw: Range<Int>
        /// The decoded bytes, when the raw form held escapes; nil when raw is the value.
        let decoded: [UInt8]?
    }

    mutating func parseString() throws(SyntaxError) -> String {
        let token = try scanString()
        if let decoded = token.decoded { return String(decoding: decoded, as: UTF8.self) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[token.raw]), as: UTF8.self)
    }

    /// Scans a string at the current quote, validating escapes and UTF-8.
    mutating func scanString() throws(SyntaxError) -> StringToken {
        index += 1
        let start = index
        guard let base = bytes.baseAddress else { throw error("unterminated string") }
        var sawNonASCII = false
        while true {
            index = StringBytes.firstSpecial(in: base, from: index, to: bytes.count, orNonASCII: !sawNonASCII)
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = start..<index
                index += 1
                if sawNonASCII, String(validating: UnsafeRawBufferPointer(rebasing: bytes[raw]), as: UTF8.self) == nil {
                    throw SyntaxError(offset: start, reason: "invalid UTF-8 in a string")
                }
                return StringToken(raw: raw, decoded: nil)
            }
            if byte == UInt8(ascii: "\\") {
                return try scanEscapedString(from: start)
            }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            sawNonASCII = true
            index += 1
        }
    }

    /// Appends the input bytes in `range` to `output`.
    func appendBytes(_ range: Range<Int>, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        output.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + range.lowerBound, count: range.count))
    }

    /// The slow path: a string with escapes, decoded into a byte buffer.
    private mutating func scanEscapedString(from start: Int) throws(SyntaxError) -> StringToken {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 32)
        appendBytes(start..<index, to: &decoded)
        guard let base = bytes.baseAddress else { throw error("unterminated string") }
        while true {
            let runStart = index
            index = StringBytes.firstSpecial(in: base, from: index, to: bytes.count, orNonASCII: false)
            appendBytes(runStart..<index, to: &decoded)
            guard index < bytes.count else { throw error("unterminated string") }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let raw = start..<index
                index += 1
                guard String(validating: decoded, as: UTF8.self) != nil else {
                    throw SyntaxError(offset: start, reason: "invalid UTF-8 in a string")
                }
                return StringToken(raw: raw, decoded: decoded)
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &decoded)
            default:
                throw error("unescaped control character in a string")
            }
        }
    }

    private mutating func appendEscape(to decoded: inout [UInt8]) throws(SyntaxError) {
        guard let byte = current else { throw error("unterminated escape in a string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): decoded.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): decoded.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): decoded.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a high surrogate must be followed by a low surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("a lone low surrogate is not a character")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
            UTF8.encode(unicode) { decoded.append($0) }
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unterminated unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a unicode escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
