/// Turns a ``PatternNode`` into a ``PatternProgram``: Thompson's construction, with counted
/// repetitions written out copy by copy, refusing a program larger than
/// ``OutputPattern/maximumInstructions``.
struct PatternCompiler {
    private let pattern: String
    private var instructions: [PatternProgram.Instruction] = []
    private var ranges: [ClosedRange<UInt32>] = []
    /// The instruction of each set already emitted, so copies share their ranges.
    private var setInstructions: [UnitSet: PatternProgram.Instruction] = [:]
    /// The quantifier offset of the outermost repetition being written, for a message.
    private var outermostRepetition: Int?

    private init(pattern: String) {
        self.pattern = pattern
    }

    /// The program of `node`, parsed from `pattern`.
    static func compile(_ node: PatternNode, pattern: String) throws(OutputPatternError) -> PatternProgram {
        var compiler = PatternCompiler(pattern: pattern)
        try compiler.emit(node)
        try compiler.append(.match)
        return PatternProgram(instructions: compiler.instructions, ranges: compiler.ranges)
    }

    private var next: Int32 { Int32(instructions.count) }

    private mutating func append(_ instruction: PatternProgram.Instruction) throws(OutputPatternError) {
        guard instructions.count < OutputPattern.maximumInstructions else {
            let position = OutputPatternError.characterPosition(ofScalar: outermostRepetition ?? 0, in: Array(pattern.unicodeScalars))
            throw .tooLarge(pattern: pattern, position: position)
        }
        instructions.append(instruction)
    }

    private mutating func emit(_ node: PatternNode) throws(OutputPatternError) {
        switch node {
        case .units(let set):
            try append(instruction(for: set))
        case .assertion(let assertion):
            try append(.assertion(assertion))
        case .sequence(let nodes):
            for node in nodes { try emit(node) }
        case .alternatives(let nodes):
            try emitAlternatives(nodes)
        case .repetition(let node, let min, let max, let quantifier):
            let outermost = outermostRepetition == nil
            if outermost { outermostRepetition = quantifier }
            try emitRepetition(node, min: min, max: max)
            if outermost { outermostRepetition = nil }
        }
    }

    /// `split(first, rest)`, the first, `jump(end)`, and so on; the last without split or jump.
    private mutating func emitAlternatives(_ nodes: [PatternNode]) throws(OutputPatternError) {
        var jumps: [Int] = []
        for node in nodes.dropLast() {
            let split = instructions.count
            try append(.split(0, 0))
            try emit(node)
            jumps.append(instructions.count)
            try append(.jump(0))
            instructions[split] = .split(Int32(split + 1), next)
        }
        if let last = nodes.last { try emit(last) }
        for jump in jumps { instructions[jump] = .jump(next) }
    }

    /// `node{min,max}`: `min` copies, then `max - min` optional ones (`split(copy, end)`),
    /// or for no maximum a loop over the last required copy, or `split`/`jump` around one
    /// copy for `*`.
    private mutating func emitRepetition(_ node: PatternNode, min: Int, max: Int?) throws(OutputPatternError) {
        let loopsOverLastCopy = max == nil && min > 0
        for _ in 0..<(loopsOverLastCopy ? min - 1 : min) { try emit(node) }
        if let max {
            var splits: [Int] = []
            for _ in min..<max {
                splits.append(instructions.count)
                try append(.split(0, 0))
                try emit(node)
            }
            for split in splits { instructions[split] = .split(Int32(split + 1), next) }
        } else if loopsOverLastCopy {
            let copy = next
            try emit(node)
            try append(.split(copy, next + 1))
        } else {
            let split = instructions.count
            try append(.split(0, 0))
            try emit(node)
            try append(.jump(Int32(split)))
            instructions[split] = .split(Int32(split + 1), next)
        }
    }

    /// `.unit` for a set of one unit, else `.set` with the ASCII part as bits and the
    /// rest as ranges (written once per distinct set).
    private mutating func instruction(for set: UnitSet) -> PatternProgram.Instruction {
        if set.ranges.count == 1, let only = set.ranges.first, only.lowerBound == only.upperBound { return .unit(only.lowerBound) }
        if let known = setInstructions[set] { return known }
        var low: UInt64 = 0
        var high: UInt64 = 0
        let start = Int32(ranges.count)
        for range in set.ranges {
            for unit in range.lowerBound..<Swift.max(range.lowerBound, Swift.min(range.upperBound + 1, 128)) {
                if unit < 64 { low |= 1 << unit } else { high |= 1 << (unit - 64) }
            }
            if range.upperBound >= 128 { ranges.append(Swift.max(range.lowerBound, 128)...range.upperBound) }
        }
        let instruction = PatternProgram.Instruction.set(asciiLow: low, asciiHigh: high, ranges: start..<Int32(ranges.count))
        setInstructions[set] = instruction
        return instruction
    }
}
