/// What `curate audit` found: every provenance tuple, LLM labels against human labels,
/// and agreement between prompt texts and between models, each sorted by task first.
public struct AuditResult: Sendable, Hashable {
    /// Every tuple with selected labels, in tuple order.
    public var tuples: [TupleAudit]
    /// Every LLM tuple against the human labels of its inputs, in tuple order.
    public var againstHuman: [HumanAgreement]
    /// Every two prompt texts of a task with an input both labeled, by task, then texts.
    /// A text is a ``PromptRef``; labels whose hash is ambiguous or unknown form one
    /// text per version label, with a nil hash (`NAME@VERSION#unknown`).
    public var betweenPromptTexts: [PairAgreement<PromptRef>]
    /// Every two models of a task with an input both labeled, by task, then models.
    public var betweenModels: [PairAgreement<String>]
    /// The labels counted.
    public var labels: Int
    /// The inputs with a label counted.
    public var inputs: Int
    /// Flagged labels left out (0 with `--include-flagged`).
    public var flaggedLeftOut: Int

    public init(
        tuples: [TupleAudit], againstHuman: [HumanAgreement], betweenPromptTexts: [PairAgreement<PromptRef>],
        betweenModels: [PairAgreement<String>], labels: Int, inputs: Int, flaggedLeftOut: Int
    ) {
        self.tuples = tuples
        self.againstHuman = againstHuman
        self.betweenPromptTexts = betweenPromptTexts
        self.betweenModels = betweenModels
        self.labels = labels
        self.inputs = inputs
        self.flaggedLeftOut = flaggedLeftOut
    }
}
