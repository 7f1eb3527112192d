import Testing
@testable import CurateKit

@Suite("Escaping data for a terminal")
struct TerminalTextTests {
    /// Reads an escaped text back: `\\` is `\`, `\xHH` and `\u{…}` their characters, any other backslash itself.
    static func unescape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func hex(_ range: Range<Int>) -> Unicode.Scalar? {
            guard range.upperBound <= scalars.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[range])), radix: 16).flatMap(Unicode.Scalar.init)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                let next = scalars[index + 1]
                if next == "\\" {
                    result.append("\\")
                    index += 2
                    continue
                }
                if next == "x", let value = hex((index + 2)..<(index + 4)) {
                    result.append(value)
                    index += 4
                    continue
                }
                if next == "u", index + 2 < scalars.count, scalars[index + 2] == "{",
                   let close = scalars[(index + 3)...].firstIndex(of: "}"), let value = hex((index + 3)..<close) {
                    result.append(value)
                    index = close + 1
                    continue
                }
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    static let hostile = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]8;;https://evil.example/\u{07}click\u{1B}]8;;\u{07}", "bell\u{07}", "over\rwrite",
        "abc\u{202E}exe.txt", "\u{2066}isolate\u{2069}", "\u{200E}\u{200F}", "c1\u{9B}31m", "del\u{7F}", "nul\u{0}", "line\u{2028}sep",
        "bom\u{FEFF}", "tag\u{E0041}",
    ]

    @Test("control, bidi and format characters become visible escapes; nothing raw is left", arguments: hostile)
    func escapesHostile(_ value: String) {
        let escaped = TerminalText.escaped(value)
        #expect(!escaped.unicodeScalars.contains { TerminalText.needsEscape($0) }, "\(escaped.debugDescription)")
        #expect(Self.unescape(escaped) == value)
        #expect(TerminalText.sanitized(escaped) == escaped)
    }

    @Test("the forms: \\xHH for controls, \\u{HHHH} for the rest")
    func forms() {
        #expect(TerminalText.escaped("\u{1B}[31m") == "\\x1b[31m")
        #expect(TerminalText.escaped("a\u{202E}b") == "a\\u{202E}b")
        #expect(TerminalText.escaped("\r\n\t") == "\\x0d\\x0a\\x09")
        #expect(TerminalText.escaped("\u{9B}") == "\\x9b")
        #expect(TerminalText.sanitized("a\u{1B}\nb\\x") == "a\\x1b\nb\\x")
    }

    @Test("plain text, regular expressions, emoji and joiners are kept as they are", arguments: [
        "positive", #"\bsorry\b"#, #"C:\data\new"#, "naïve café", "日本語", "👩‍👩‍👧", "क्‍ष", "rev-1",
    ])
    func keepsPlain(_ value: String) {
        #expect(TerminalText.escaped(value) == value)
    }

    @Test("a backslash that would read as an escape is doubled, so every value reads back exactly", arguments: [
        #"\x1b"#, #"\\"#, #"\u{202E}"#, "\\\u{1B}", #"a\"#, #"\x"#, #"\xzz"#, #"\u"#,
    ])
    func backslashes(_ value: String) {
        #expect(Self.unescape(TerminalText.escaped(value)) == value, "\(TerminalText.escaped(value))")
    }

    @Test("width: wide characters take two columns")
    func width() {
        #expect(TerminalText.width("abc") == 3)
        #expect(TerminalText.width("日本") == 4)
        #expect(TerminalText.width("e\u{301}") == 1)
    }

    @Test("a table escapes every cell and aligns by terminal width")
    func table() {
        var table = TextTable(header: ["a", "b"])
        table.append(["\u{1B}[31m", "x"])
        table.append(["日本", "y"])
        #expect(table.render() == "a         b\n\\x1b[31m  x\n日本      y\n")
    }
}
