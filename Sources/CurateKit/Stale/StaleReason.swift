/// Why an input's label is stale: what `curate stale` lists in `why`.
public enum StaleReason: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The label's prompt has an older version label than the current one of its name.
    case olderVersion = "older-version"
    /// The label has the current version label, but an older text of it (an in-place edit).
    case olderText = "older-text"
    /// The label (or, when the input has no candidate, every label) is of a flagged prompt.
    case flaggedPrompt = "flagged-prompt"
    /// … of a flagged model.
    case flaggedModel = "flagged-model"
    /// … of a flagged run.
    case flaggedRun = "flagged-run"
    /// … a flagged record.
    case flaggedRecord = "flagged-record"
    /// The label's prompt names a version label that has had several texts, and which one is not known.
    case ambiguousHash = "ambiguous-hash"
    /// The label's prompt text is not known at all.
    case unknownHash = "unknown-hash"
    /// The label's output matches the `--output-matches` pattern (or, when the input has no
    /// candidate, an output flag quarantines its labels).
    case outputMatches = "output-matches"
    /// The input has no candidate, and a retraction took out some of its labels (or all of them).
    case retracted

    /// The reason a flag of `kind` gives.
    init(flag kind: FlagKind) {
        switch kind {
        case .prompt: self = .flaggedPrompt
        case .model: self = .flaggedModel
        case .run: self = .flaggedRun
        case .record: self = .flaggedRecord
        case .output: self = .outputMatches
        }
    }

    public static func < (lhs: StaleReason, rhs: StaleReason) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
