/// Writes ``JSONValue``s as canonical JSON: no whitespace, object keys sorted by
/// their UTF-8 bytes, strings escaped minimally, numbers as their lexeme.
///
/// Two values that are equal up to member order give the same bytes, which is
/// what record ids, stored columns and manifests rely on.
public enum JSONWriter {
    /// The canonical JSON text of `value`.
    public static func canonical(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        write(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical JSON bytes of `value` to `output`.
    public static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let lexeme): writeRaw(lexeme, to: &output)
        case .string(let string): writeString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in sortedMembers(members).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Indented JSON for people and diffs: sorted keys, two spaces per level, one
    /// member or element per line, and a final newline.
    public static func pretty(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        writePretty(value, indent: 0, to: &bytes)
        bytes.append(0x0A)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writePretty(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        func newline(_ level: Int) {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
        }
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writePretty(element, indent: indent + 1, to: &output)
            }
            newline(indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            output.append(UInt8(ascii: "{"))
            for (position, member) in sortedMembers(members).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                writePretty(member.value, indent: indent + 1, to: &output)
            }
            newline(indent)
            output.append(UInt8(ascii: "}"))
        default:
            write(value, to: &output)
        }
    }

    private static func sortedMembers(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        members.count < 2 ? members : members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// Appends `string` as a JSON string literal, escaping only what JSON requires.
    public static func writeString(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { writeStringBytes($0, to: &output) }
    }

    /// Appends raw bytes that are already valid JSON (a canonical value) to `output`.
    static func writeRaw(_ json: String, to output: inout [UInt8]) {
        var json = json
        json.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Appends `bytes` as a JSON string literal to `output`: the same bytes as the `[UInt8]`
    /// overload writes, copied whole when nothing needs an escape (the common case).
    static func writeStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteBuffer) {
        if needsEscape(bytes) {
            var escaped: [UInt8] = []
            writeStringBytes(bytes, to: &escaped)
            escaped.withUnsafeBytes { output.append($0) }
        } else {
            output.append(UInt8(ascii: "\""))
            output.append(bytes)
            output.append(UInt8(ascii: "\""))
        }
    }

    /// Whether `bytes` holds a byte a JSON string must escape: a control character, `"` or a backslash.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return StringBytes.firstSpecial(in: base, from: 0, to: bytes.count, orNonASCII: false) < bytes.count
    }

    /// Appends `bytes` as a JSON string literal to `output`, escaping only what JSON requires.
    static func writeStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else {
            output.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        while true {
            let index = StringBytes.firstSpecial(in: base, from: runStart, to: bytes.count, orNonASCII: false)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            guard index < bytes.count else { break }
            let byte = bytes[index]
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            default:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
