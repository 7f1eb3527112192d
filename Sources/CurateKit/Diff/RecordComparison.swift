/// Compares the records of two datasets input by input: a merge of two streams that are
/// both in (task, input_id) order, so only the current input of each side is in memory.
enum RecordComparison {
    /// The record changes from `before` to `after`.
    /// - Parameter examples: how many examples of each kind to keep (the first ones in input order).
    static func compare(_ before: InputGroupStream, _ after: InputGroupStream, examples: Int) throws(DiffError) -> RecordChanges {
        var changes = RecordChanges()
        var kept: [RecordChangeKind: [RecordExample]] = [:]
        func note(_ kind: RecordChangeKind, _ group: InputGroup, before: [RecordLabel], after: [RecordLabel]) {
            switch kind {
            case .added: changes.added += 1
            case .removed: changes.removed += 1
            case .relabeled: changes.relabeled += 1
            case .replaced: changes.replaced += 1
            }
            if kept[kind, default: []].count < examples {
                kept[kind, default: []].append(RecordExample(kind: kind, task: group.task, inputID: group.inputID, before: before, after: after))
            }
        }

        var left = try before.next()
        var right = try after.next()
        while left != nil || right != nil {
            let order: Int
            if let left, let right {
                order = DatasetRow.compareInputs(left.task, left.inputID, right.task, right.inputID)
            } else {
                order = left == nil ? 1 : -1
            }
            if order < 0, let group = left {
                note(.removed, group, before: group.labels, after: [])
                left = try before.next()
            } else if order > 0, let group = right {
                note(.added, group, before: [], after: group.labels)
                right = try after.next()
            } else if let old = left, let new = right {
                if !sameBytes(old.labels.map(\.output), new.labels.map(\.output)) {
                    note(.relabeled, new, before: old.labels, after: new.labels)
                } else if !sameBytes(old.labels.map(\.id), new.labels.map(\.id)) {
                    note(.replaced, new, before: old.labels, after: new.labels)
                } else {
                    changes.unchanged += 1
                }
                left = try before.next()
                right = try after.next()
            }
        }
        changes.examples = RecordChangeKind.allCases.flatMap { kept[$0] ?? [] }
        return changes
    }

    /// Whether two lists hold the same distinct strings, byte for byte, in any order and any number of times.
    private static func sameBytes(_ lhs: [String], _ rhs: [String]) -> Bool {
        let left = distinct(lhs)
        let right = distinct(rhs)
        return left.count == right.count && zip(left, right).allSatisfy { String.compareUTF8($0, $1) == 0 }
    }

    /// The strings sorted by UTF-8 bytes, each once.
    private static func distinct(_ strings: [String]) -> [String] {
        var sorted = strings.sorted { String.compareUTF8($0, $1) < 0 }
        var index = 1
        while index < sorted.count {
            if String.compareUTF8(sorted[index - 1], sorted[index]) == 0 { sorted.remove(at: index) } else { index += 1 }
        }
        return sorted
    }
}
