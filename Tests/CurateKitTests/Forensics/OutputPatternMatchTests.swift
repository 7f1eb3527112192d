import Testing
@testable import CurateKit

@Suite("Matching output patterns")
struct OutputPatternMatchTests {
    /// (pattern, subject, whether it matches), one group of rows per feature.
    static let cases: [(String, String, Bool)] = [
        // literals and the empty pattern
        ("abc", "xxabcxx", true),
        ("abc", "abx", false),
        ("", "anything", true),
        ("", "", true),
        ("a", "", false),
        ("As an AI|I cannot", "Sorry, I cannot help", true),
        // .
        ("a.c", "abc", true),
        ("a.c", "a\nc", false),
        ("a.c", "a→c", true),
        ("^.$", "😀", true),
        ("^..$", "e\u{301}", true),
        // bracket expressions
        ("[abc]", "xbx", true),
        ("[abc]", "xyz", false),
        ("^[^abc]$", "d", true),
        ("[^abc]", "abc", false),
        ("[^a]", "\n", true),
        ("^[a-c]+$", "abcba", true),
        ("[a-c]", "xyz", false),
        ("[]a]", "]", true),
        ("[^]a]", "]a", false),
        ("[a-]", "-", true),
        ("[\\]]", "]", true),
        ("[\\d]", "5", true),
        ("[é-ë]", "ê", true),
        // POSIX classes
        ("[[:alpha:]]", "é", true),
        ("[[:alpha:]]", "123", false),
        ("[[:digit:]]", "x7", true),
        ("^[[:alnum:]]+$", "abc123", true),
        ("[[:space:]]", "a\tb", true),
        ("[[:upper:]]", "abc", false),
        ("[[:lower:]]", "ABc", true),
        ("[[:punct:]]", "a!b", true),
        ("^[[:punct:]]+$", "$+<", true),
        ("^[[:xdigit:]]+$", "09afAF", true),
        ("[[:cntrl:]]", "a\u{1}", true),
        ("[^[:alpha:][:space:]]", "ab c", false),
        // escapes for classes
        ("\\d+", "abc 42", true),
        ("\\d", "abc", false),
        ("\\d", "٣", true),
        ("^\\D+$", "abc", true),
        ("\\w", "_", true),
        ("^\\w+$", "naïve", true),
        ("\\W", "abc", false),
        ("\\s", "a b", true),
        ("\\s", "\u{A0}", true),
        ("\\S", "  \t ", false),
        // word boundaries
        ("\\bcat\\b", "the cat sat", true),
        ("\\bcat\\b", "concatenate", false),
        ("\\Bcat\\B", "concatenate", true),
        ("\\bx", "ax x", true),
        ("\\bx", "axbx", false),
        ("\\bx", "éx", false),
        ("\\Bx", "éx", true),
        ("^\\b$", "", false),
        ("a\\b", "a", true),
        // escaped characters
        ("\\.", "a.b", true),
        ("\\.", "ab", false),
        ("a\\\\b", "a\\b", true),
        ("\\(x\\)", "(x)", true),
        ("\\{\\}\\[\\]\\|\\*\\+\\?\\^\\$", "{}[]|*+?^$", true),
        ("a\\nb", "a\nb", true),
        ("a\\tb", "a\tb", true),
        ("\\r\\f\\v", "\r\u{C}\u{B}", true),
        ("\\x41", "A", true),
        ("\\x{1F600}", "😀", true),
        ("\\é", "é", true),
        // anchors
        ("^abc", "abcd", true),
        ("^abc", "xabc", false),
        ("abc$", "xabc", true),
        ("abc$", "abc\n", false),
        ("^$", "", true),
        ("^$", "a", false),
        ("a^b", "a^b", false),
        ("^a|b$", "xb", true),
        ("(^)*a", "ba", true),
        // groups and alternation
        ("(ab)+c", "ababc", true),
        ("^(ab)+c", "abac", false),
        ("(?:ab)+$", "xabab", true),
        ("cat|dog", "hotdog", true),
        ("cat|dog", "bird", false),
        ("a(b|c|)d", "ad", true),
        ("^(a|b)(c|d)$", "bd", true),
        ("^((a)|b)+$", "abba", true),
        // quantifiers
        ("^ab*c$", "ac", true),
        ("^ab+c$", "ac", false),
        ("^ab?c$", "abbc", false),
        ("^a{3}$", "aaa", true),
        ("^a{3}$", "aaaa", false),
        ("^a{2,}$", "aaaaa", true),
        ("^a{2,}$", "a", false),
        ("^a{2,3}$", "aaaa", false),
        ("^a{,2}$", "aa", true),
        ("^a{0}b$", "b", true),
        ("^(ab){2}$", "abab", true),
        ("^a*?b$", "aab", true),
        ("^a+?$", "", false),
        ("^(a|b)??c$", "c", true),
        ("^[ab]{2,4}?$", "abab", true),
        // braces that start no count are literals
        ("a{", "a{", true),
        ("a{x}", "a{x}", true),
        ("}", "}", true),
        // case-insensitive
        ("(?i)hello", "HeLLo world", true),
        ("hello", "HELLO", false),
        ("(?i)^[a-c]+$", "ABC", true),
        ("(?i)[^a]", "A", false),
        ("(?i)é", "É", true),
        ("(?i)k", "\u{212A}", true),
        ("(?i)\\x41", "a", true),
        ("(?i)[[:upper:]]", "x", true),
        ("(?i)ǅ", "ǆ", true),
    ]

    @Test("a pattern matches where grep -E would", arguments: cases)
    func matches(pattern: String, subject: String, expected: Bool) throws {
        let compiled = try OutputPattern(pattern)
        #expect(compiled.matches(subject) == expected)
        var bytes = Array(subject.utf8)
        #expect(bytes.withUnsafeMutableBytes { compiled.matches(utf8: UnsafeRawBufferPointer($0)) } == expected)
    }

    /// (pattern, bytes that are not all valid UTF-8, whether it matches).
    static let brokenUTF8Cases: [(String, [UInt8], Bool)] = [
        ("a.b", [0x61, 0xFF, 0x62], true),
        ("a[^x]b", [0x61, 0xFF, 0x62], true),
        ("a\\Wb", [0x61, 0xFF, 0x62], true),
        ("a\\wb", [0x61, 0xFF, 0x62], false),
        ("a[\\x{0}-\\x{10FFFF}]b", [0x61, 0xFF, 0x62], false),
        ("\\xFF", [0xFF], false),
        ("ÿ", [0xC3, 0xBF], true),
        // a truncated sequence is one unit per byte
        ("^a..b$", [0x61, 0xE2, 0x82, 0x62], true),
        ("^a.b$", [0x61, 0xE2, 0x82, 0x62], false),
        // an overlong form and an encoded surrogate are not scalars
        ("^..$", [0xC0, 0x80], true),
        ("^...$", [0xED, 0xA0, 0x80], true),
        // a broken byte is not a word character, and a search skips over it
        ("\\bb", [0xFF, 0x62], true),
        ("é", [0xFF, 0x63, 0xC3, 0xA9], true),
        ("\\bé", [0x63, 0xFF, 0xC3, 0xA9], true),
    ]

    @Test("a byte that is not UTF-8 is one unit only . and negated classes match", arguments: brokenUTF8Cases)
    func brokenUTF8(pattern: String, bytes: [UInt8], expected: Bool) throws {
        let compiled = try OutputPattern(pattern)
        #expect(bytes.withUnsafeBytes { compiled.matches(utf8: $0) } == expected)
    }

    @Test("patterns are equal and hash alike when their sources are")
    func equalitySource() throws {
        let first = try OutputPattern("a|b")
        #expect(first == (try OutputPattern("a|b")))
        #expect(first != (try OutputPattern("b|a")))
        #expect(Set([first, try OutputPattern("a|b")]).count == 1)
        #expect(first.source == "a|b")
    }

    @Test("groups nested as deep as accepted compile and match")
    func deepNesting() throws {
        let depth = OutputPattern.maximumNesting
        let pattern = try OutputPattern(String(repeating: "(", count: depth) + "a" + String(repeating: ")*", count: depth) + "b$")
        #expect(pattern.matches("xaab"))
        #expect(!pattern.matches("xaabc"))
    }
}
