import Foundation

/// A label's provenance tuple as a dictionary key; a prompt's text is not part of it
/// (its hash stands for it).
struct ProvenanceKey: Hashable, Sendable {
    let task: String
    let origin: Origin
    let model: String?
    let annotator: String?
    let prompt: PromptRef?
    let hashStatus: HashStatus?

    init(_ record: LabelRecord) {
        task = record.task
        switch record.producer {
        case .llm(let model, let prompt, _, let status):
            (origin, self.model, annotator, self.prompt, hashStatus) = (.llm, model, nil, prompt, status)
        case .human(let annotator):
            (origin, model, self.annotator, prompt, hashStatus) = (.human, nil, annotator, nil, nil)
        }
    }

    /// The provenance tuple this key stands for.
    var tuple: ProvenanceTuple {
        ProvenanceTuple(task: task, origin: origin, model: model, annotator: annotator, prompt: prompt, hashStatus: hashStatus)
    }
}

/// Numbers the distinct provenance keys of one ingest: 0, 1, 2, … in order of arrival.
///
/// Parse workers number their records (each with a cache of its own, so they rarely
/// take the lock) and the single writer thread looks tuples and counts up by number
/// in an array instead of hashing a key of seven strings for every record.
final class ProvenanceNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [ProvenanceKey: Int] = [:]
    private var keys: [ProvenanceKey] = []

    /// The number of `key`, given a new one the first time it is seen.
    func number(for key: ProvenanceKey) -> Int {
        lock.withLock {
            if let number = numbers[key] { return number }
            numbers[key] = keys.count
            keys.append(key)
            return keys.count - 1
        }
    }

    /// The key numbered `number`.
    func key(_ number: Int) -> ProvenanceKey {
        lock.withLock { keys[number] }
    }

    /// A cache in front of these numbers for one thread.
    struct LocalCache {
        let numbers: ProvenanceNumbers
        private var known: [ProvenanceKey: Int] = [:]

        init(_ numbers: ProvenanceNumbers) {
            self.numbers = numbers
        }

        mutating func number(for record: LabelRecord) -> Int {
            let key = ProvenanceKey(record)
            if let number = known[key] { return number }
            let number = numbers.number(for: key)
            known[key] = number
            return number
        }
    }
}
