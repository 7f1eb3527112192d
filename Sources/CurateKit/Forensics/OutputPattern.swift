/// A regular expression over label outputs, matched in time linear in the output's length.
///
/// The syntax is POSIX ERE as `grep -E` users know it, plus Perl's common escapes:
/// literals; `.` (any character but a newline); bracket expressions `[abc]`, `[^a-z]` with
/// `[:alpha:]`-style classes (alnum alpha blank cntrl digit graph lower print punct space
/// upper xdigit) and escapes inside; `\d \D \w \W \s \S` (Unicode: decimal digits, word
/// characters, white space); `\b \B` (word boundary or not); `\n \t \r \f \v`, `\xHH`,
/// `\x{H…}` and `\` before punctuation for itself; `^` and `$` (the start and end of the
/// whole output); groups `( )` and `(?: )`; `|`; `* + ? {n} {n,} {n,m} {,m}` (a lazy `?`
/// after one is accepted and changes nothing, since only whether it matches counts); and a
/// leading `(?i)` that makes the whole pattern ignore case (Unicode simple case folding).
///
/// Matching works on Unicode scalars decoded from UTF-8 as it goes; a byte that is not part
/// of valid UTF-8 is one unit that only `.` and negated classes match. It is a search, like
/// `grep -E`: the pattern may match anywhere unless anchored.
///
/// Whatever the pattern, matching never backtracks: it simulates the pattern's automaton
/// (a Thompson NFA, as RE2 and Rust's regex do), so the time is at most proportional to the
/// program's size times the output's length and the memory to the program's size.
/// Backreferences and lookaround, which no engine matches in linear time, are refused, as
/// are patterns longer than ``maximumBytes``, counts above ``maximumRepetition`` and
/// programs above ``maximumInstructions``, each with the position of the problem.
public struct OutputPattern: Sendable, Hashable {
    /// The longest pattern accepted, in bytes of UTF-8.
    public static let maximumBytes = 4096
    /// The largest count accepted in `{n,m}`.
    public static let maximumRepetition = 1000
    /// The most instructions a pattern may compile to: `(a{1000}){1000}` is refused.
    public static let maximumInstructions = 100_000
    /// The deepest nesting of groups accepted.
    public static let maximumNesting = 100

    /// The pattern as given.
    public let source: String
    /// What a search runs.
    let program: PatternProgram

    /// Compiles `pattern`.
    /// - Throws: ``OutputPatternError`` naming the character position of the first problem.
    public init(_ pattern: String) throws(OutputPatternError) {
        if pattern.utf8.count > Self.maximumBytes {
            var bytes = 0
            let position = pattern.prefix { character in
                bytes += character.utf8.count
                return bytes <= Self.maximumBytes
            }.count + 1
            throw .tooLong(pattern: pattern, position: position, bytes: pattern.utf8.count)
        }
        source = pattern
        program = try PatternCompiler.compile(PatternParser.parse(pattern), pattern: pattern)
    }

    /// Whether the pattern matches anywhere in `text` (a search, like grep -E: unanchored unless ^ or $).
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// The same over UTF-8 bytes, read in place (the hot path: no allocation per call).
    public func matches(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        var steps = 0
        return program.search(bytes, steps: &steps)
    }

    public static func == (lhs: OutputPattern, rhs: OutputPattern) -> Bool {
        lhs.source == rhs.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
    }
}
