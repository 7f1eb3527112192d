import Testing
@testable import CurateKit

@Suite("Refusing output patterns")
struct OutputPatternErrorTests {
    /// (pattern, the 1-based character position the error names, a part of its message).
    static let cases: [(String, Int, String)] = [
        ("ab(c", 3, "this ( is never closed"),
        ("(a|(b)", 1, "this ( is never closed"),
        ("ab)c", 3, "this ) closes no ("),
        ("a(b))", 5, "this ) closes no ("),
        ("[abc", 1, "this [ is never closed"),
        ("x[^", 2, "this [ is never closed"),
        ("x[]", 2, "this [ is never closed"),
        ("*a", 1, "this * has nothing before it to repeat"),
        ("a|+b", 3, "this + has nothing before it to repeat"),
        ("(?a", 1, "(?a is not a supported group"),
        ("(*a)", 2, "this * has nothing before it to repeat"),
        ("{2}", 1, "this {2} has nothing before it to repeat"),
        ("^*", 2, "this * has nothing before it to repeat"),
        ("a\\b+", 4, "this + has nothing before it to repeat"),
        ("a**", 3, "this * follows another quantifier"),
        ("a+{2}", 3, "this {2} follows another quantifier"),
        ("a{2,1}", 2, "the minimum is larger than the maximum"),
        ("a{1001}", 2, "{1001}: counts are at most 1000"),
        ("a{1,99999999999999999999}", 2, "counts are at most 1000"),
        ("a{2", 2, "this { starts a count but is not closed"),
        ("a{1,2x}", 2, "this { starts a count but is not closed"),
        ("a{,}", 2, "{,} gives no count"),
        ("abc\\", 4, "ends with a \\ that escapes nothing"),
        ("\\q", 1, "\\q is not a known escape"),
        ("ab\\0", 3, "\\0 is not a known escape"),
        ("a\\1", 2, "\\1 is a backreference, which is not supported"),
        ("(a)\\1", 4, "\\1 is a backreference"),
        ("\\<a", 1, "\\< is a GNU word anchor"),
        ("a\\'", 2, "\\' is a GNU buffer anchor"),
        ("\\xZZ", 1, "\\x must be followed by two hex digits"),
        ("\\x{}", 1, "\\x must be followed by two hex digits"),
        ("\\x{110000}", 1, "\\x{110000} is not a Unicode scalar value"),
        ("\\x{D800}", 1, "\\x{D800} is not a Unicode scalar value"),
        ("[z-a]", 2, "the range z-a runs backwards"),
        ("[a-\\d]", 4, "a range must end with one character"),
        ("[\\d-z]", 2, "a class cannot start a range"),
        ("[[:foo:]]", 2, "[:foo:] is not a known class"),
        ("[[:alpha]", 2, "this [: is not closed by :]"),
        ("[[.a.]]", 2, "collating elements"),
        ("[\\b]", 2, "\\b is a word-boundary assertion"),
        ("a(?=b)", 2, "(?= is a lookahead"),
        ("(?!b)", 1, "(?! is a lookahead"),
        ("(?<!a)b", 1, "(?<! is a lookbehind"),
        ("a(?i)b", 2, "(?i) is accepted only at the very start"),
        ("(?<name>a)", 1, "(?< is not a supported group"),
        ("(a{1000}){1000}", 10, "larger than the 100000 instructions accepted"),
        ("x(?:(?:a{1000}){10}){11}", 21, "larger than the 100000 instructions accepted"),
        // positions count characters as shown, not scalars or bytes
        ("e\u{301}(x", 2, "this ( is never closed"),
        ("😀😀(", 3, "this ( is never closed"),
    ]

    @Test("a malformed pattern is refused with the position of the problem", arguments: cases)
    func refused(pattern: String, position: Int, problem: String) {
        #expect {
            _ = try OutputPattern(pattern)
        } throws: { error in
            guard let error = error as? OutputPatternError else { return false }
            let message = error.errorDescription ?? ""
            return error.pattern == pattern && error.position == position && message.contains(problem)
                && message.contains("at position \(position): ")
        }
    }

    @Test("the message quotes the pattern and says what to do")
    func message() {
        #expect(throws: OutputPatternError.unclosedGroup(pattern: "ab(c", position: 3)) { try OutputPattern("ab(c") }
        let error = OutputPatternError.unclosedGroup(pattern: "ab(c", position: 3)
        #expect(error.errorDescription == "invalid output pattern \"ab(c\" at position 3: this ( is never closed; "
            + "add a ) or write \\( for a literal parenthesis")
        let withNewline = OutputPatternError.unopenedGroup(pattern: "a\n)", position: 3)
        #expect(withNewline.errorDescription?.hasPrefix("invalid output pattern \"a\\n)\" at position 3") == true)
    }

    @Test("groups nested deeper than accepted are refused at the first one too deep")
    func nestedTooDeep() {
        let depth = OutputPattern.maximumNesting + 1
        let pattern = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        #expect(throws: OutputPatternError.nestedTooDeep(pattern: pattern, position: depth)) { try OutputPattern(pattern) }
    }

    @Test("a pattern longer than 4096 bytes is refused at the first character past the limit")
    func tooLong() throws {
        let ascii = String(repeating: "a", count: OutputPattern.maximumBytes + 1)
        #expect(throws: OutputPatternError.tooLong(pattern: ascii, position: 4097, bytes: 4097)) { try OutputPattern(ascii) }
        let twoByte = String(repeating: "é", count: 2049)
        #expect(throws: OutputPatternError.tooLong(pattern: twoByte, position: 2049, bytes: 4098)) { try OutputPattern(twoByte) }
        _ = try OutputPattern(String(repeating: "a", count: OutputPattern.maximumBytes))
    }

    @Test("counts up to the limit are accepted")
    func largestCounts() throws {
        let pattern = try OutputPattern("^a{1000}$")
        #expect(pattern.matches(String(repeating: "a", count: 1000)))
        #expect(!pattern.matches(String(repeating: "a", count: 999)))
        #expect(!pattern.matches(String(repeating: "a", count: 1001)))
    }
}
