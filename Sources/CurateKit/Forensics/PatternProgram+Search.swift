#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PatternProgram {
    /// Whether the program matches anywhere in `text`, read as UTF-8 one unit at a time.
    ///
    /// The threads alive at a unit are a set of instructions, each at most once, so the work
    /// per unit is bounded by the program's size: `steps` grows by at most twice the number
    /// of instructions per unit of text (plus one such round at the start). Scratch space is
    /// four numbers per instruction, on the stack when it fits.
    func search(_ text: UnsafeRawBufferPointer, steps: inout Int) -> Bool {
        let size = instructions.count
        return instructions.withUnsafeBufferPointer { program in
            ranges.withUnsafeBufferPointer { ranges in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * size) { lists in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: size) { marks in
                        guard let lists = lists.baseAddress, let marks = marks.baseAddress else { return false }
                        marks.initialize(repeating: -1, count: size)
                        var search = Search(
                            program: program, ranges: ranges, text: text,
                            lists: (lists, lists + size), pending: lists + 2 * size, marks: marks
                        )
                        let found = search.run(anchored: anchored, firstBytes: firstBytes, onlyFirstByte: onlyFirstByte)
                        steps += search.steps
                        return found
                    }
                }
            }
        }
    }
}

/// One search of a program over a text, on scratch space the caller owns.
private struct Search {
    /// What the assertions look at: the position and the units on each side of it.
    private struct Surroundings {
        var position: Int
        var before: UInt32
        var after: UInt32
    }

    /// The unit before the start and after the end of the text: no character at all.
    private static let noUnit = UInt32.max
    /// `\w` among ASCII: digits, letters and `_`, as bits.
    private static let asciiWord: (low: UInt64, high: UInt64) = (0x03FF_0000_0000_0000, 0x07FF_FFFE_87FF_FFFE)

    let program: UnsafeBufferPointer<PatternProgram.Instruction>
    let ranges: UnsafeBufferPointer<ClosedRange<UInt32>>
    let text: UnsafeRawBufferPointer
    /// Room for the consuming instructions of the threads at the current unit and at the next.
    let lists: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>)
    /// Instructions still to follow while adding a thread.
    let pending: UnsafeMutablePointer<Int32>
    /// For each instruction, the position at which it was last added: each is added once per position.
    let marks: UnsafeMutablePointer<Int>
    /// Instructions executed so far.
    var steps = 0

    /// Steps through the text unit by unit, adding a thread at the start of the program at
    /// each position (only the first when anchored); while no other thread is alive, skips
    /// to the next byte that can start a match.
    mutating func run(anchored: Bool, firstBytes: [UInt8]?, onlyFirstByte: UInt8?) -> Bool {
        let end = text.count
        var (current, next) = lists
        var currentCount = 0
        var nextCount = 0
        var position = 0
        var before = Self.noUnit
        var (unit, length) = end > 0 ? text.textUnit(at: 0) : (Self.noUnit, 0)
        while true {
            if currentCount == 0 {
                if anchored, position > 0 { return false }
                if !anchored, let firstBytes {
                    guard let start = nextCandidate(from: position, firstBytes: firstBytes, onlyFirstByte: onlyFirstByte) else { return false }
                    if start != position {
                        position = start
                        before = text.textUnit(endingAt: start)
                        (unit, length) = text.textUnit(at: start)
                    }
                }
            }
            if !anchored || position == 0,
               add(0, into: current, count: &currentCount, at: Surroundings(position: position, before: before, after: unit)) {
                return true
            }
            guard position < end else { return false }
            let nextPosition = position + length
            let (nextUnit, nextLength) = nextPosition < end ? text.textUnit(at: nextPosition) : (Self.noUnit, 0)
            let surroundings = Surroundings(position: nextPosition, before: unit, after: nextUnit)
            nextCount = 0
            for index in 0..<currentCount {
                let pc = Int(current[index])
                steps += 1
                if consumes(program[pc], unit), add(pc + 1, into: next, count: &nextCount, at: surroundings) { return true }
            }
            swap(&current, &next)
            currentCount = nextCount
            position = nextPosition
            before = unit
            unit = nextUnit
            length = nextLength
        }
    }

    /// The first position at or after `start` whose byte can start a match, or nil.
    private func nextCandidate(from start: Int, firstBytes: [UInt8], onlyFirstByte: UInt8?) -> Int? {
        guard start < text.count, let base = text.baseAddress else { return nil }
        if let onlyFirstByte {
            return memchr(base + start, Int32(onlyFirstByte), text.count - start).map { UnsafeRawPointer($0) - base }
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        return firstBytes.withUnsafeBufferPointer { table in
            var position = start
            while position < text.count {
                if table[Int(bytes[position])] != 0 { return position }
                position += 1
            }
            return nil
        }
    }

    /// Follows the instructions from `pc` that consume nothing, adding each consuming one it
    /// reaches to `list` (once per position); true when it reaches `match`.
    private mutating func add(_ pc: Int, into list: UnsafeMutablePointer<Int32>, count: inout Int, at surroundings: Surroundings) -> Bool {
        var depth = 0
        push(pc, at: surroundings.position, depth: &depth)
        while depth > 0 {
            depth -= 1
            let pc = Int(pending[depth])
            steps += 1
            switch program[pc] {
            case .unit, .set:
                list[count] = Int32(pc)
                count += 1
            case .match:
                return true
            case .jump(let target):
                push(Int(target), at: surroundings.position, depth: &depth)
            case .split(let first, let second):
                push(Int(second), at: surroundings.position, depth: &depth)
                push(Int(first), at: surroundings.position, depth: &depth)
            case .assertion(let assertion):
                if holds(assertion, at: surroundings) { push(pc + 1, at: surroundings.position, depth: &depth) }
            }
        }
        return false
    }

    /// Puts `pc` on the pending stack unless it was already added at `position`.
    @inline(__always)
    private func push(_ pc: Int, at position: Int, depth: inout Int) {
        guard marks[pc] != position else { return }
        marks[pc] = position
        pending[depth] = Int32(pc)
        depth += 1
    }

    /// Whether the instruction consumes `unit`.
    @inline(__always)
    private func consumes(_ instruction: PatternProgram.Instruction, _ unit: UInt32) -> Bool {
        switch instruction {
        case .unit(let expected):
            return unit == expected
        case .set(let low, let high, let slice):
            if unit < 64 { return low >> unit & 1 == 1 }
            if unit < 128 { return high >> (unit - 64) & 1 == 1 }
            let candidates = ranges[Int(slice.lowerBound)..<Int(slice.upperBound)]
            let index = candidates.partitioningIndex { $0.upperBound >= unit }
            return index < Int(slice.upperBound) && candidates[index].lowerBound <= unit
        default:
            return false
        }
    }

    private func holds(_ assertion: PatternNode.Assertion, at surroundings: Surroundings) -> Bool {
        switch assertion {
        case .textStart: return surroundings.position == 0
        case .textEnd: return surroundings.position == text.count
        case .wordBoundary: return Self.isWord(surroundings.before) != Self.isWord(surroundings.after)
        case .notWordBoundary: return Self.isWord(surroundings.before) == Self.isWord(surroundings.after)
        }
    }

    /// Whether `unit` is a `\w` character; false for ``noUnit``.
    private static func isWord(_ unit: UInt32) -> Bool {
        if unit < 64 { return asciiWord.low >> unit & 1 == 1 }
        if unit < 128 { return asciiWord.high >> (unit - 64) & 1 == 1 }
        return UnitSet.wordCharacters.contains(unit)
    }
}
