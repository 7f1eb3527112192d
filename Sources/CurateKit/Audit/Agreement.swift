/// How well two raters agree on the inputs both labeled.
public struct Agreement: Sendable, Hashable {
    /// One kind of disagreement: the reference rater said ``reference`` where the other said ``label``.
    public struct Confusion: Sendable, Hashable {
        /// The reference rater's label (the human's, against human labels).
        public let reference: String
        /// The other rater's label.
        public let label: String
        /// On how many inputs.
        public let count: Int

        public init(reference: String, label: String, count: Int) {
            self.reference = reference
            self.label = label
            self.count = count
        }
    }

    /// The inputs both raters labeled.
    public let n: Int
    /// Of those, the inputs where their outputs are equal (as canonical JSON).
    public let agreed: Int
    /// Cohen's kappa, `(po − pe) / (1 − pe)` with `pe` from the two raters' label
    /// distributions over the shared inputs; nil when the outputs are not categorical,
    /// when `n` is 0, or when `pe` is 1 (both raters always gave the one same label).
    public let kappa: Double?
    /// The most frequent disagreements, most frequent first (against human labels only).
    public let confusions: [Confusion]

    public init(n: Int, agreed: Int, kappa: Double?, confusions: [Confusion]) {
        self.n = n
        self.agreed = agreed
        self.kappa = kappa
        self.confusions = confusions
    }

    /// The share of shared inputs with equal outputs, `agreed / n`; nil when `n` is 0.
    public var share: Double? {
        n > 0 ? Double(agreed) / Double(n) : nil
    }
}
