/// How an LLM provenance tuple agrees with the human labels of the inputs it labeled.
///
/// On each input with a human label, the input's newest human label is compared with the
/// tuple's newest label of that input.
public struct HumanAgreement: Sendable, Hashable {
    /// The LLM tuple, with its task.
    public let tuple: ProvenanceTuple
    /// The numbers; `n` is 0 when no input of the tuple has a human label.
    public let agreement: Agreement

    public init(tuple: ProvenanceTuple, agreement: Agreement) {
        self.tuple = tuple
        self.agreement = agreement
    }
}
