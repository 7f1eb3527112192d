/// Chooses the labels exported for one input from all of its selected labels.
///
/// Candidates are the input's human labels when it has any and ``humanPriority`` is
/// on, else all of its labels, less any label another candidate supersedes (names in
/// `supersedes`); then ``policy`` picks among them (see ``ResolvePolicy`` for the tie-breaks).
struct LabelResolver {
    let policy: ResolvePolicy
    let humanPriority: Bool
    /// Tuple ids of human labels.
    let humanTuples: Set<Int64>

    /// The chosen labels of one input, oldest first.
    /// - Parameter group: the input's labels in (created_at, id) order, as the store streams them.
    func choose(from group: [StoredLabel]) -> ArraySlice<StoredLabel> {
        let candidates = self.candidates(group)
        guard !candidates.isEmpty else { return [] }
        switch policy {
        case .all:
            return candidates
        case .latest:
            return candidates.suffix(1)
        case .majority:
            var tally: [String: (count: Int, newest: Int)] = [:]
            for index in candidates.indices {
                let output = candidates[index].output
                tally[output, default: (0, index)].count += 1
                tally[output]?.newest = index
            }
            // Most votes; among equals, the output whose newest label is newest.
            let winner = tally.values.max { ($0.count, $0.newest) < ($1.count, $1.newest) }
            guard let winner else { return [] }
            return candidates[winner.newest...winner.newest]
        }
    }

    private func candidates(_ group: [StoredLabel]) -> ArraySlice<StoredLabel> {
        let current = Self.unsuperseded(group)
        guard humanPriority, current.contains(where: { humanTuples.contains($0.tupleID) }) else { return current }
        if current.allSatisfy({ humanTuples.contains($0.tupleID) }) { return current }
        return ArraySlice(current.filter { humanTuples.contains($0.tupleID) })
    }

    /// `group` less the labels another label of it supersedes.
    private static func unsuperseded(_ group: [StoredLabel]) -> ArraySlice<StoredLabel> {
        guard group.contains(where: { $0.supersedes != nil }) else { return group[...] }
        let superseded = Set(group.compactMap(\.supersedes))
        return ArraySlice(group.filter { !superseded.contains($0.id) })
    }
}
