/// Chooses the labels exported for one input from all of its selected labels.
///
/// Candidates are the input's human labels when it has any and ``humanPriority`` is
/// on, else all of its labels; then ``policy`` picks among them (see ``ResolvePolicy``
/// for the tie-breaks).
struct LabelResolver {
    let policy: ResolvePolicy
    let humanPriority: Bool
    /// Tuple ids of human labels.
    let humanTuples: Set<Int64>

    /// The chosen labels of one input, oldest first.
    /// - Parameter group: the input's labels in (created_at, id) order, as the store streams them.
    func choose(from group: [ExportRow]) -> ArraySlice<ExportRow> {
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

    private func candidates(_ group: [ExportRow]) -> ArraySlice<ExportRow> {
        guard humanPriority, group.contains(where: { humanTuples.contains($0.tupleID) }) else { return group[...] }
        if group.allSatisfy({ humanTuples.contains($0.tupleID) }) { return group[...] }
        return ArraySlice(group.filter { humanTuples.contains($0.tupleID) })
    }
}
