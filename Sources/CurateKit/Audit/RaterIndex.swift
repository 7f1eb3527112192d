/// The raters an audit compares, numbered once from the selection's tuples: each tuple's
/// prompt text and model as a small integer (its place in sort order), and whether it is human.
struct RaterIndex {
    /// Who made the labels of one tuple.
    struct Rater {
        let isHuman: Bool
        /// The number of its prompt text in ``RaterIndex/promptTexts``; nil for a human.
        let promptText: Int?
        /// The number of its model in ``RaterIndex/models``; nil for a human.
        let model: Int?
    }

    /// Every prompt text of the selected tuples, sorted.
    let promptTexts: [PromptRef]
    /// Every model of the selected tuples, sorted.
    let models: [String]
    private let raters: [Int64: Rater]

    /// Numbers the raters of `tuples` (the selected tuples, by id).
    init(tuples: [Int64: ProvenanceTuple]) {
        promptTexts = Array(Set(tuples.values.compactMap(Self.promptText))).sorted()
        models = Selection.sortedUnique(tuples.values.compactMap(\.model))
        let textNumbers = Dictionary(uniqueKeysWithValues: promptTexts.enumerated().map { ($1, $0) })
        let modelNumbers = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        raters = tuples.mapValues { tuple in
            Rater(
                isHuman: tuple.origin == .human, promptText: Self.promptText(of: tuple).flatMap { textNumbers[$0] },
                model: tuple.model.flatMap { modelNumbers[$0] })
        }
    }

    /// Who made the labels of tuple `id`; nil for a tuple outside the selection.
    func rater(of id: Int64) -> Rater? {
        raters[id]
    }

    /// The prompt text of an LLM tuple: its prompt, with no hash when the hash is ambiguous
    /// or unknown, so all such labels of one version label are one text (`NAME@VERSION#unknown`).
    static func promptText(of tuple: ProvenanceTuple) -> PromptRef? {
        guard var prompt = tuple.prompt else { return nil }
        if tuple.hashStatus == .ambiguous || tuple.hashStatus == .unknown { prompt.sha256 = nil }
        return prompt
    }
}
