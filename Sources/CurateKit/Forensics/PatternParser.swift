/// Reads the text of an ``OutputPattern`` into a ``PatternNode``, or says at which character
/// and why it cannot.
///
/// The syntax is POSIX ERE as `grep -E` reads it, plus Perl's escapes: unlike POSIX, `\`
/// escapes inside brackets too (`[\]\d]`), and a quantifier with nothing to repeat, an
/// unmatched `)` or a malformed `{}` count is an error rather than a literal. A `{` that
/// starts no count (`{`, `{x`) is a literal.
struct PatternParser {
    /// One item an escape stands for.
    private enum Escaped {
        case unit(UInt32)
        case set(UnitSet)
        case assertion(PatternNode.Assertion)
    }

    /// A parsed quantifier.
    private struct Quantifier {
        var min: Int
        var max: Int?
    }

    private let pattern: String
    private let scalars: [Unicode.Scalar]
    /// The offset of the next scalar to read.
    private var index = 0
    /// How many groups enclose the current position.
    private var depth = 0
    /// Whether the pattern starts with `(?i)`.
    private var caseInsensitive = false

    private init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    /// The tree of `pattern`.
    static func parse(_ pattern: String) throws(OutputPatternError) -> PatternNode {
        var parser = PatternParser(pattern)
        if parser.scalars.starts(with: "(?i)".unicodeScalars) {
            parser.caseInsensitive = true
            parser.index = 4
        }
        let node = try parser.parseAlternatives()
        // parseAlternatives stops only at the end or at a ")" that closes no group.
        guard parser.index == parser.scalars.count else { throw .unopenedGroup(pattern: pattern, position: parser.position(parser.index)) }
        return node
    }

    private var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(at offset: Int) -> Unicode.Scalar? {
        offset < scalars.count ? scalars[offset] : nil
    }

    /// The pattern's text over `offsets`.
    private func text(_ offsets: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[offsets]))
    }

    /// The 1-based character position of the scalar at `offset`.
    private func position(_ offset: Int) -> Int {
        OutputPatternError.characterPosition(ofScalar: offset, in: scalars)
    }

    private mutating func parseAlternatives() throws(OutputPatternError) -> PatternNode {
        var branches = [try parseSequence()]
        while next == "|" {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func parseSequence() throws(OutputPatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = next, scalar != "|", scalar != ")" {
            let start = index
            if let text = quantifierText(at: start) {
                throw .nothingToRepeat(pattern: pattern, position: position(start), quantifier: text)
            }
            var item = try parseAtom()
            // A group is repeatable, whatever it holds; a bare ^, $, \b or \B is not.
            if case .assertion = item, scalars[start] != "(", let text = quantifierText(at: index) {
                throw .nothingToRepeat(pattern: pattern, position: position(index), quantifier: text)
            }
            let quantifierStart = index
            if let quantifier = try parseQuantifier() {
                item = .repetition(item, min: quantifier.min, max: quantifier.max, quantifier: quantifierStart)
                if next == "?" { index += 1 }  // lazy: the same match or no match as greedy
                if let text = quantifierText(at: index) {
                    throw .invalidRepetition(pattern: pattern, position: position(index), reason: "this \(text) follows another "
                        + "quantifier; put what it repeats in a group, e.g. (a+)\(text)")
                }
            }
            items.append(item)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// The quantifier that starts at `offset` as written (`*`, `{2,3}`), or nil when none does.
    private func quantifierText(at offset: Int) -> String? {
        switch peek(at: offset) {
        case "*", "+", "?": return String(scalars[offset])
        case "{":
            guard startsCount(at: offset) else { return nil }
            let close = scalars[offset...].firstIndex(of: "}").map { $0 + 1 } ?? offset + 1
            return text(offset..<close)
        default: return nil
        }
    }

    /// Whether the `{` at `offset` starts a count: a digit or a comma follows it.
    private func startsCount(at offset: Int) -> Bool {
        guard let following = peek(at: offset + 1) else { return false }
        return following == "," || ("0"..."9").contains(following)
    }

    private mutating func parseQuantifier() throws(OutputPatternError) -> Quantifier? {
        switch next {
        case "*": index += 1; return Quantifier(min: 0, max: nil)
        case "+": index += 1; return Quantifier(min: 1, max: nil)
        case "?": index += 1; return Quantifier(min: 0, max: 1)
        case "{" where startsCount(at: index): return try parseCount()
        default: return nil
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` or `{,m}`, at a `{` that starts a count.
    private mutating func parseCount() throws(OutputPatternError) -> Quantifier {
        let open = index
        index += 1
        let low = readNumber()
        var high = low
        if next == "," {
            index += 1
            high = readNumber()
        }
        let written = text(open..<min(index + 1, scalars.count))
        guard next == "}" else {
            throw .invalidRepetition(pattern: pattern, position: position(open), reason: "this { starts a count but is not "
                + "closed as {n}, {n,}, {n,m} or {,m}; write \\{ for a literal {")
        }
        index += 1
        guard low != nil || high != nil else {
            throw .invalidRepetition(pattern: pattern, position: position(open), reason: "\(written) gives no count; write {n,}, {,m} or *")
        }
        let limit = OutputPattern.maximumRepetition
        if [low, high].contains(where: { ($0 ?? 0) > limit }) {
            throw .invalidRepetition(pattern: pattern, position: position(open), reason: "\(written): counts are at most \(limit); "
                + "use + or * for longer runs")
        }
        if let low, let high, low > high {
            throw .invalidRepetition(pattern: pattern, position: position(open), reason: "\(written): the minimum is larger than the maximum")
        }
        return Quantifier(min: low ?? 0, max: high)
    }

    /// The decimal number at the current position, capped just above the largest count
    /// accepted; nil when there is no digit.
    private mutating func readNumber() -> Int? {
        var number: Int?
        while let digit = next, ("0"..."9").contains(digit) {
            number = min((number ?? 0) * 10 + Int(digit.value - 0x30), OutputPattern.maximumRepetition + 1)
            index += 1
        }
        return number
    }

    private mutating func parseAtom() throws(OutputPatternError) -> PatternNode {
        let start = index
        let scalar = scalars[start]
        index += 1
        switch scalar {
        case "(": return try parseGroup(at: start)
        case "[": return try parseBracket(at: start)
        case ".": return .units(.anyButNewline)
        case "^": return .assertion(.textStart)
        case "$": return .assertion(.textEnd)
        case "\\":
            index = start
            switch try parseEscape() {
            case .unit(let unit): return .units(folded(UnitSet(unit: unit)))
            case .set(let set): return .units(folded(set))
            case .assertion(let assertion): return .assertion(assertion)
            }
        default: return .units(folded(UnitSet(unit: scalar.value)))
        }
    }

    /// `set` with its case variants under `(?i)`.
    private func folded(_ set: UnitSet) -> UnitSet {
        caseInsensitive ? set.caseFolded : set
    }

    /// A group whose `(` is at `open` (already read): `( )` or `(?: )`.
    private mutating func parseGroup(at open: Int) throws(OutputPatternError) -> PatternNode {
        guard depth < OutputPattern.maximumNesting else { throw .nestedTooDeep(pattern: pattern, position: position(open)) }
        if next == "?" {
            if let reason = unsupportedGroupReason(at: open) {
                throw .unsupportedGroup(pattern: pattern, position: position(open), reason: reason)
            }
            index += 2  // "?:"
        }
        depth += 1
        let node = try parseAlternatives()
        depth -= 1
        guard next == ")" else { throw .unclosedGroup(pattern: pattern, position: position(open)) }
        index += 1
        return node
    }

    /// Why the `(?` group at `open` is refused, or nil for `(?:`.
    private func unsupportedGroupReason(at open: Int) -> String? {
        let rest = text((open + 2)..<min(open + 5, scalars.count))
        let linear = "which cannot be matched in time linear in the output and is not supported"
        if rest.hasPrefix(":") { return nil }
        if rest.hasPrefix("i)") {
            return "(?i) is accepted only at the very start of the pattern, where it makes the whole pattern ignore case"
        }
        if rest.hasPrefix("=") || rest.hasPrefix("!") { return "(?\(rest.prefix(1)) is a lookahead, \(linear)" }
        if rest.hasPrefix("<=") || rest.hasPrefix("<!") { return "(?\(rest.prefix(2)) is a lookbehind, \(linear)" }
        return "(?\(rest.prefix(1)) is not a supported group; write ( ) or (?: ) for a group, and (?i) only at the start"
    }

    /// A bracket expression whose `[` is at `open` (already read).
    private mutating func parseBracket(at open: Int) throws(OutputPatternError) -> PatternNode {
        let negated = next == "^"
        if negated { index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var sets: [UnitSet] = []
        var first = true
        while true {
            guard let scalar = next else { throw .unclosedBracket(pattern: pattern, position: position(open)) }
            if scalar == "]", !first {
                index += 1
                break
            }
            first = false
            let itemStart = index
            let item = try parseBracketItem()
            let startsRange = next == "-" && peek(at: index + 1).map { $0 != "]" } == true
            switch item {
            case .unit(let low) where startsRange:
                index += 1
                let highStart = index
                guard case .unit(let high) = try parseBracketItem() else {
                    throw .invalidClass(pattern: pattern, position: position(highStart), reason: "a range must end with one character, "
                        + "not a class; write \\- for a literal -")
                }
                guard low <= high else {
                    let written = text(itemStart..<index)
                    throw .invalidClass(pattern: pattern, position: position(itemStart), reason: "the range \(written) runs backwards; "
                        + "put the smaller character first")
                }
                ranges.append(low...high)
            case .set where startsRange:
                throw .invalidClass(pattern: pattern, position: position(itemStart), reason: "a class cannot start a range; "
                    + "write \\- for a literal -")
            case .unit(let unit): ranges.append(unit...unit)
            case .set(let set): sets.append(set)
            case .assertion:
                throw .invalidEscape(pattern: pattern, position: position(itemStart), escape: text(itemStart..<index), reason: "is a "
                    + "word-boundary assertion, which cannot be inside [ ]; write \\x08 for a backspace")
            }
        }
        let set = folded(sets.reduce(UnitSet(ranges)) { $0.union($1) })
        return .units(negated ? set.inverted : set)
    }

    /// One member of a bracket expression: a character, an escape or `[:name:]`.
    private mutating func parseBracketItem() throws(OutputPatternError) -> Escaped {
        let start = index
        let scalar = scalars[start]
        if scalar == "\\" { return try parseEscape() }
        if scalar == "[", let kind = peek(at: start + 1), kind == ":" || kind == "." || kind == "=" {
            return .set(try parseBracketClass(at: start, kind: kind))
        }
        index += 1
        return .unit(scalar.value)
    }

    /// `[:name:]` at `start`; `[.x.]` and `[=x=]` are refused.
    private mutating func parseBracketClass(at start: Int, kind: Unicode.Scalar) throws(OutputPatternError) -> UnitSet {
        guard kind == ":" else {
            throw .invalidClass(pattern: pattern, position: position(start), reason: "collating elements [. .] and "
                + "equivalence classes [= =] are not supported; write the characters themselves")
        }
        var end = start + 2
        while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") { end += 1 }
        guard end + 1 < scalars.count else {
            throw .invalidClass(pattern: pattern, position: position(start), reason: "this [: is not closed by :]; "
                + "write \\[ for a literal [")
        }
        let name = text((start + 2)..<end)
        guard let set = UnitSet.posixClass(named: name) else {
            throw .invalidClass(pattern: pattern, position: position(start), reason: "[:\(name):] is not a known class; known: "
                + UnitSet.posixClassNames.map { "[:\($0):]" }.joined(separator: " "))
        }
        index = end + 2
        return set
    }

    /// An escape at the current `\`.
    private mutating func parseEscape() throws(OutputPatternError) -> Escaped {
        let start = index
        guard let scalar = peek(at: start + 1) else { throw .trailingBackslash(pattern: pattern, position: position(start)) }
        index += 2
        switch scalar {
        case "d": return .set(.decimalDigits)
        case "D": return .set(UnitSet.decimalDigits.inverted)
        case "w": return .set(.wordCharacters)
        case "W": return .set(UnitSet.wordCharacters.inverted)
        case "s": return .set(.whitespace)
        case "S": return .set(UnitSet.whitespace.inverted)
        case "b": return .assertion(.wordBoundary)
        case "B": return .assertion(.notWordBoundary)
        case "n": return .unit(0x0A)
        case "t": return .unit(0x09)
        case "r": return .unit(0x0D)
        case "f": return .unit(0x0C)
        case "v": return .unit(0x0B)
        case "x": return .unit(try parseHexEscape(at: start))
        case "1"..."9": throw .backreference(pattern: pattern, position: position(start), escape: "\\\(scalar)")
        case "<", ">":
            throw .invalidEscape(pattern: pattern, position: position(start), escape: "\\\(scalar)", reason: "is a GNU word anchor, "
                + "which is not supported; write \\b for a word boundary")
        case "`", "'":
            throw .invalidEscape(pattern: pattern, position: position(start), escape: "\\\(scalar)", reason: "is a GNU buffer anchor, "
                + "which is not supported; write ^ or $")
        default:
            guard ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) else {
                return .unit(scalar.value)
            }
            throw .invalidEscape(pattern: pattern, position: position(start), escape: "\\\(scalar)", reason: "is not a known escape; "
                + "known: \\d \\D \\w \\W \\s \\S \\b \\B \\n \\t \\r \\f \\v \\xHH \\x{H…}, and \\ before punctuation for itself")
        }
    }

    /// The scalar of `\xHH` or `\x{H…}` whose `\` is at `start` (the `x` already read).
    private mutating func parseHexEscape(at start: Int) throws(OutputPatternError) -> UInt32 {
        let braced = next == "{"
        let digitsStart = braced ? index + 1 : index
        var end = digitsStart
        while let digit = peek(at: end), digit.properties.isASCIIHexDigit, end - digitsStart < 8 { end += 1 }
        let digits = text(digitsStart..<end)
        let wellFormed = braced ? (!digits.isEmpty && peek(at: end) == "}") : digits.count >= 2
        guard wellFormed else {
            throw .invalidEscape(pattern: pattern, position: position(start), escape: "\\x", reason: "must be followed by two hex digits "
                + "(\\x41) or by hex digits in braces (\\x{1F600})")
        }
        let value = braced ? UInt32(digits, radix: 16) : UInt32(digits.prefix(2), radix: 16)
        index = braced ? end + 1 : digitsStart + 2
        guard let value, Unicode.Scalar(value) != nil else {
            throw .invalidEscape(pattern: pattern, position: position(start), escape: "\\x{\(digits)}", reason: "is not a Unicode scalar value")
        }
        return value
    }
}
