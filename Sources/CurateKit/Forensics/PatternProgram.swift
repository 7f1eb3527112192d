/// An ``OutputPattern`` compiled for a Thompson NFA: a list of instructions that a search
/// runs as a set of threads, one per instruction at most (a Pike VM without captures), so a
/// search costs at most a few steps per instruction per unit of text and never backtracks.
struct PatternProgram: Sendable {
    /// One step of the program.
    enum Instruction: Sendable {
        /// Consume this unit.
        case unit(UInt32)
        /// Consume a unit of a set: units below 64 in `asciiLow`'s bits, 64–127 in
        /// `asciiHigh`'s, the others in `ranges` (a slice of ``PatternProgram/ranges``).
        case set(asciiLow: UInt64, asciiHigh: UInt64, ranges: Range<Int32>)
        /// Go on at both instructions.
        case split(Int32, Int32)
        /// Go on at the instruction.
        case jump(Int32)
        /// Go on at the next instruction if the condition holds here.
        case assertion(PatternNode.Assertion)
        /// The pattern matches.
        case match
    }

    /// The instructions; the search starts at the first.
    let instructions: [Instruction]
    /// The ranges of units 128 and above of every set, each set's in one slice.
    let ranges: [ClosedRange<UInt32>]
    /// Whether every match starts at the start of the text (the pattern begins with `^`).
    let anchored: Bool
    /// Indexed by byte, 1 for the bytes a match can start with, when a search may skip the
    /// others (a match consumes at least one unit and the set holds no UTF-8 continuation
    /// byte, so that a byte found in it always starts a unit); nil otherwise.
    let firstBytes: [UInt8]?
    /// The only byte in ``firstBytes``, when there is one: the search then skips with `memchr`.
    let onlyFirstByte: UInt8?

    /// The program of `instructions`, with what a search may skip worked out.
    init(instructions: [Instruction], ranges: [ClosedRange<UInt32>]) {
        self.instructions = instructions
        self.ranges = ranges
        anchored = Self.reachable(in: instructions) { $0 != .textStart }.isEmpty
        let table = Self.firstBytes(of: instructions, ranges: ranges)
        firstBytes = table
        let candidates: [Int] = table.map { table in table.indices.filter { table[$0] == 1 } } ?? []
        onlyFirstByte = candidates.count == 1 ? UInt8(candidates[0]) : nil
    }

    /// The consuming instructions and `match` that the start reaches without consuming,
    /// passing the assertions for which `passes` holds.
    private static func reachable(in instructions: [Instruction], passing passes: (PatternNode.Assertion) -> Bool) -> [Int] {
        var seen = Set<Int>()
        var pending = [0]
        var reached: [Int] = []
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .unit, .set, .match: reached.append(pc)
            case .split(let first, let second): pending += [Int(second), Int(first)]
            case .jump(let target): pending.append(Int(target))
            case .assertion(let assertion): if passes(assertion) { pending.append(pc + 1) }
            }
        }
        return reached
    }

    /// The first-byte table (see ``firstBytes``), or nil when a search cannot skip.
    private static func firstBytes(of instructions: [Instruction], ranges: [ClosedRange<UInt32>]) -> [UInt8]? {
        var table = [UInt8](repeating: 0, count: 256)
        for pc in reachable(in: instructions, passing: { _ in true }) {
            switch instructions[pc] {
            case .unit(let unit):
                for byte in leadBytes(of: unit...unit) { table[Int(byte)] = 1 }
            case .set(let low, let high, let slice):
                for byte in 0..<128 where (byte < 64 ? low >> byte : high >> (byte - 64)) & 1 == 1 { table[byte] = 1 }
                for range in ranges[Int(slice.lowerBound)..<Int(slice.upperBound)] {
                    for byte in leadBytes(of: range) { table[Int(byte)] = 1 }
                }
            default:
                return nil  // a match that consumes nothing
            }
        }
        return table[0x80...0xBF].contains(1) ? nil : table
    }

    /// The bytes that units of `range` can start with (a superset for ranges of scalars).
    private static func leadBytes(of range: ClosedRange<UInt32>) -> ClosedRange<UInt8> {
        func lead(_ unit: UInt32) -> UInt8 {
            switch unit {
            case 0..<0x80: return UInt8(unit)
            case 0x80..<0x800: return UInt8(0xC0 | unit >> 6)
            case 0x800..<0x1_0000: return UInt8(0xE0 | unit >> 12)
            case 0x1_0000..<UnitSet.invalidByteBase: return UInt8(0xF0 | unit >> 18)
            default: return UInt8(unit - UnitSet.invalidByteBase)
            }
        }
        // `lead` grows with the scalar, and invalid bytes are 0x80 and above like the lead
        // bytes of scalars 0x80 and above.
        return lead(range.lowerBound)...(range.upperBound >= UnitSet.invalidByteBase ? 0xFF : lead(range.upperBound))
    }
}
