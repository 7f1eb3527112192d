/// The raters an audit compares, numbered once from the selection's tuples: each tuple as a
/// small integer, its prompt text and model too (each its place in sort order), and whether
/// it is human.
struct RaterIndex {
    /// Who made the labels of one tuple.
    struct Rater: Equatable {
        /// The number of its tuple in ``RaterIndex/tupleIDs``.
        let tuple: Int
        let isHuman: Bool
        /// The number of its prompt text in ``RaterIndex/promptTexts``; nil for a human.
        let promptText: Int?
        /// The number of its model in ``RaterIndex/models``; nil for a human.
        let model: Int?
    }

    /// The ids of the selected tuples, sorted: a tuple's number is its place here.
    let tupleIDs: [Int64]
    /// Every prompt text of the selected tuples, sorted.
    let promptTexts: [PromptRef]
    /// Every model of the selected tuples, sorted.
    let models: [String]
    private let raters: [Int64: Rater]

    /// Numbers the raters of `tuples` (the selected tuples, by id).
    init(tuples: [Int64: ProvenanceTuple]) {
        let sorted = tuples.sorted { $0.key < $1.key }
        tupleIDs = sorted.map(\.key)
        promptTexts = Array(Set(tuples.values.compactMap(Self.promptText))).sorted()
        models = Selection.sortedUnique(tuples.values.compactMap(\.model))
        let textNumbers = Dictionary(uniqueKeysWithValues: promptTexts.enumerated().map { ($1, $0) })
        let modelNumbers = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        raters = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { number, entry in
            let rater = Rater(
                tuple: number, isHuman: entry.value.origin == .human,
                promptText: Self.promptText(of: entry.value).flatMap { textNumbers[$0] },
                model: entry.value.model.flatMap { modelNumbers[$0] })
            return (entry.key, rater)
        })
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
