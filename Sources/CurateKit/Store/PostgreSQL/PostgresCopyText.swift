/// PostgreSQL's COPY text format: fields separated by tabs, a row a line, `\N` for NULL, and
/// a backslash escaping a backslash, tab, newline or carriage return inside a value.
enum PostgresCopyText {
    /// Appends `value` escaped as one COPY text field.
    /// - Returns: false when `value` holds a NUL byte, which PostgreSQL text cannot hold;
    ///   part of it may have been appended, so the copy is to be abandoned.
    static func appendField(_ value: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) -> Bool {
        var clean = value.startIndex
        for index in value.indices {
            let escape: UInt8
            switch value[index] {
            case 0: return false
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            default: continue
            }
            buffer.append(UnsafeRawBufferPointer(rebasing: value[clean..<index]))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(escape)
            clean = index + 1
        }
        buffer.append(UnsafeRawBufferPointer(rebasing: value[clean...]))
        return true
    }

    /// The values of one COPY text row (with or without its final newline), unescaped; nil for NULL.
    static func fields(of line: UnsafeRawBufferPointer) -> [String?] {
        var end = line.endIndex
        if end > line.startIndex, line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var fields: [String?] = []
        var start = line.startIndex
        while true {
            let stop = line[start..<end].firstIndex(of: UInt8(ascii: "\t")) ?? end
            fields.append(field(UnsafeRawBufferPointer(rebasing: line[start..<stop])))
            guard stop < end else { return fields }
            start = stop + 1
        }
    }

    /// One field's value, unescaped; nil for `\N`.
    private static func field(_ bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.count == 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "N") { return nil }
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < bytes.count else {
                output.append(byte)
                continue
            }
            let code = bytes[index]
            index += 1
            switch code {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "v"): output.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = code - UInt8(ascii: "0")
                for _ in 0..<2 where index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) {
                    value = value &* 8 &+ (bytes[index] - UInt8(ascii: "0"))
                    index += 1
                }
                output.append(value)
            case UInt8(ascii: "x") where index < bytes.count && bytes[index].isHexDigit:
                var value: UInt8 = 0
                for _ in 0..<2 where index < bytes.count && bytes[index].isHexDigit {
                    value = value &* 16 &+ hexValue(bytes[index])
                    index += 1
                }
                output.append(value)
            default: output.append(code)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The value of an ASCII hex digit.
    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit - UInt8(ascii: "A") + 10
        }
    }
}
