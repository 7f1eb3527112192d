import Foundation

/// Numbers the distinct provenance tuples of one ingest: 0, 1, 2, … in order of arrival.
///
/// Parse workers number their records (each with a cache of its own, so they rarely
/// take the lock) and the single writer thread looks tuples and counts up by number
/// in an array instead of hashing a tuple of seven strings for every record.
final class ProvenanceNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [ProvenanceTuple: Int] = [:]
    private var tuples: [ProvenanceTuple] = []

    /// The number of `tuple`, given a new one the first time it is seen.
    func number(for tuple: ProvenanceTuple) -> Int {
        lock.withLock {
            if let number = numbers[tuple] { return number }
            numbers[tuple] = tuples.count
            tuples.append(tuple)
            return tuples.count - 1
        }
    }

    /// The tuple numbered `number`.
    func tuple(_ number: Int) -> ProvenanceTuple {
        lock.withLock { tuples[number] }
    }

    /// A cache in front of these numbers for one thread.
    struct LocalCache {
        let numbers: ProvenanceNumbers
        private var known: [ProvenanceTuple: Int] = [:]
        /// The last few producers numbered, by task: compared before a tuple is made and
        /// hashed. Records of a run share their producer's strings (see ``RecentValues``),
        /// so telling an equal producer takes a few instructions.
        private var recent: [(task: String, producer: LabelRecord.Producer, number: Int)] = []
        private var nextRecent = 0
        private static let recentLimit = 8

        init(_ numbers: ProvenanceNumbers) {
            self.numbers = numbers
        }

        mutating func number(for record: LabelRecord) -> Int {
            for index in recent.indices where recent[index].task == record.task && recent[index].producer == record.producer {
                return recent[index].number
            }
            let tuple = ProvenanceTuple(of: record)
            let number: Int
            if let known = known[tuple] {
                number = known
            } else {
                number = numbers.number(for: tuple)
                known[tuple] = number
            }
            if recent.count < Self.recentLimit {
                recent.append((record.task, record.producer, number))
            } else {
                recent[nextRecent] = (record.task, record.producer, number)
                nextRecent = (nextRecent + 1) % Self.recentLimit
            }
            return number
        }
    }
}

extension Array {
    /// Makes `index` a valid position, filling the new ones with `filler`: for the arrays
    /// the writer keeps by provenance number, which grow as new numbers arrive.
    mutating func extend(toInclude index: Int, with filler: Element) {
        if index >= count { append(contentsOf: repeatElement(filler, count: index + 1 - count)) }
    }
}
