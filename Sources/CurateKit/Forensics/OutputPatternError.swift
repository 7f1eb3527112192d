import Foundation

/// Why a regular expression given to `--output-matches` (or `flag output`) is refused.
///
/// Every case carries the pattern and the 1-based position of the character where the
/// problem is (counted in characters as a terminal shows them), and its message says what
/// is wrong there and how to write it instead.
public enum OutputPatternError: LocalizedError, Equatable, Sendable {
    /// The pattern is longer than ``OutputPattern/maximumBytes`` bytes of UTF-8;
    /// `position` is the first character past the limit.
    case tooLong(pattern: String, position: Int, bytes: Int)
    /// A `(` has no `)`.
    case unclosedGroup(pattern: String, position: Int)
    /// A `)` has no `(`.
    case unopenedGroup(pattern: String, position: Int)
    /// Groups are nested deeper than ``OutputPattern/maximumNesting``.
    case nestedTooDeep(pattern: String, position: Int)
    /// A `(?…` construct other than `(?:` and a leading `(?i)`: lookaround, named groups, other flags.
    case unsupportedGroup(pattern: String, position: Int, reason: String)
    /// A `[` has no `]`.
    case unclosedBracket(pattern: String, position: Int)
    /// A bracket expression is malformed: a range backwards, an unknown `[:name:]`.
    case invalidClass(pattern: String, position: Int, reason: String)
    /// A quantifier (`*`, `+`, `?`, `{n,m}`) follows nothing it could repeat.
    case nothingToRepeat(pattern: String, position: Int, quantifier: String)
    /// A quantifier is malformed: bad or too large `{}` counts, a quantifier on a quantifier.
    case invalidRepetition(pattern: String, position: Int, reason: String)
    /// The pattern ends with a `\` that escapes nothing.
    case trailingBackslash(pattern: String, position: Int)
    /// An escape that is not known or not well formed (`\q`, `\x{110000}`).
    case invalidEscape(pattern: String, position: Int, escape: String, reason: String)
    /// A backreference (`\1`): it cannot be matched in time linear in the output.
    case backreference(pattern: String, position: Int, escape: String)
    /// The repetition at `position` makes the compiled program larger than
    /// ``OutputPattern/maximumInstructions`` instructions.
    case tooLarge(pattern: String, position: Int)

    /// The pattern as given.
    public var pattern: String { parts.pattern }
    /// The 1-based character position of the problem in the pattern.
    public var position: Int { parts.position }

    public var errorDescription: String? {
        let (pattern, position, problem) = parts
        return "invalid output pattern \(Self.quoted(pattern)) at position \(position): \(problem)"
    }

    /// The pattern, the position and what is wrong there, in one switch.
    private var parts: (pattern: String, position: Int, problem: String) {
        switch self {
        case .tooLong(let pattern, let position, let bytes):
            return (pattern, position, "the pattern is \(bytes) bytes long, more than the \(OutputPattern.maximumBytes) accepted; shorten it")
        case .unclosedGroup(let pattern, let position):
            return (pattern, position, "this ( is never closed; add a ) or write \\( for a literal parenthesis")
        case .unopenedGroup(let pattern, let position):
            return (pattern, position, "this ) closes no (; remove it or write \\) for a literal parenthesis")
        case .nestedTooDeep(let pattern, let position):
            return (pattern, position, "groups are nested more than \(OutputPattern.maximumNesting) deep here")
        case .unsupportedGroup(let pattern, let position, let reason):
            return (pattern, position, reason)
        case .unclosedBracket(let pattern, let position):
            return (pattern, position, "this [ is never closed; add a ] or write \\[ for a literal bracket")
        case .invalidClass(let pattern, let position, let reason):
            return (pattern, position, reason)
        case .nothingToRepeat(let pattern, let position, let quantifier):
            return (pattern, position, "this \(quantifier) has nothing before it to repeat; write \\\(quantifier.prefix(1)) for a literal \(quantifier.prefix(1))")
        case .invalidRepetition(let pattern, let position, let reason):
            return (pattern, position, reason)
        case .trailingBackslash(let pattern, let position):
            return (pattern, position, "the pattern ends with a \\ that escapes nothing; write \\\\ for a literal backslash")
        case .invalidEscape(let pattern, let position, let escape, let reason):
            return (pattern, position, "\(escape) \(reason)")
        case .backreference(let pattern, let position, let escape):
            return (pattern, position, "\(escape) is a backreference, which is not supported: no engine can match it in time linear "
                + "in the output, so one careless pattern could stall an export; spell out the repeated text instead")
        case .tooLarge(let pattern, let position):
            return (pattern, position, "this repetition makes the compiled pattern larger than the \(OutputPattern.maximumInstructions) "
                + "instructions accepted; use smaller counts, or * and + instead of large {n,m}")
        }
    }

    /// The 1-based character position of the scalar at `offset` among the pattern's `scalars`.
    static func characterPosition(ofScalar offset: Int, in scalars: [Unicode.Scalar]) -> Int {
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars[..<min(offset, scalars.count)])
        return String(prefix).count + 1
    }

    /// The pattern in double quotes, control characters escaped and a long pattern shortened
    /// to its first 200 characters.
    private static func quoted(_ pattern: String) -> String {
        let shown = pattern.count > 200 ? pattern.prefix(200) + "…" : Substring(pattern)
        var text = "\""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}
