/// How two raters of one task — two prompt texts, or two models — agree on the inputs both labeled.
///
/// A rater's label of an input is its newest label of that input.
public struct PairAgreement<Rater: Sendable & Hashable>: Sendable, Hashable {
    /// The task.
    public let task: String
    /// The first rater, the lesser of the two in sort order.
    public let first: Rater
    /// The second rater.
    public let second: Rater
    /// The numbers (`n` is at least 1; no confusions are listed).
    public let agreement: Agreement

    public init(task: String, first: Rater, second: Rater, agreement: Agreement) {
        self.task = task
        self.first = first
        self.second = second
        self.agreement = agreement
    }
}
