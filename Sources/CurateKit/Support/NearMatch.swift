/// The candidate a person most likely meant by a word that matched none, for a
/// "did you mean" in an error message.
public enum NearMatch {
    /// The candidate nearest to `word`, or nil when none is near enough to suggest.
    ///
    /// In order: a candidate equal to `word` but for case (`V1` → `v1`); the only
    /// candidate `word` is a prefix of, ignoring case, when `word` has 3 or more
    /// characters (`expo` → `export`); the candidate fewest edits away, ignoring case,
    /// when that is at most a third of the word's length less one character (an insertion,
    /// a deletion, a substitution or a swap of two neighbours is one edit: `exprot` →
    /// `export`, `stat` → `stats`, but never `v9` → `v1`). Ties go to the earlier candidate.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let folded = Array(word.lowercased())
        let others = candidates.filter { $0 != word }
        if let same = others.first(where: { Array($0.lowercased()) == folded }) { return same }
        if folded.count >= 3 {
            let extensions = others.filter { $0.lowercased().hasPrefix(word.lowercased()) }
            if extensions.count == 1 { return extensions[0] }
        }
        let limit = (folded.count - 1) / 3
        guard limit > 0 else { return nil }
        var best: (candidate: String, edits: Int)?
        for candidate in others {
            let edits = distance(folded, Array(candidate.lowercased()))
            if edits <= limit, edits < best?.edits ?? Int.max { best = (candidate, edits) }
        }
        return best?.candidate
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and
    /// swaps of two neighbouring characters, one edit each.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
