/// How an export chooses among several labels of one input (one `task` and `input_id`).
///
/// Candidates are first narrowed by human priority (see ``ExportOptions/humanPriority``),
/// then the policy picks. Ties are broken without randomness:
/// - ``latest``: the newest `created_at`; equal times go to the greater record id (UTF-8 byte order).
/// - ``majority``: the most frequent output (compared as canonical JSON); a tie goes to the
///   tied output whose newest label is newest (then the greater record id); that newest
///   label is the one exported.
/// - ``all``: every candidate, oldest first.
public enum ResolvePolicy: String, Sendable, Hashable, CaseIterable {
    /// One label per input: the most recently created.
    case latest
    /// One label per input: the most common output.
    case majority
    /// Every label of every input.
    case all
}
