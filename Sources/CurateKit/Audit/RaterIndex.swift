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
    /// Who made each selected tuple's labels, by tuple number.
    private let raters: [Rater]
    /// The number of each selected tuple, by id.
    private let numbers: [Int64: Int]

    /// Numbers the raters of `tuples` (the selected tuples, by id).
    init(tuples: [Int64: ProvenanceTuple]) {
        let sorted = tuples.sorted { $0.key < $1.key }
        tupleIDs = sorted.map(\.key)
        promptTexts = Array(Set(tuples.values.compactMap(Self.promptText))).sorted()
        models = Selection.sortedUnique(tuples.values.compactMap(\.model))
        let textNumbers = Dictionary(uniqueKeysWithValues: promptTexts.enumerated().map { ($1, $0) })
        let modelNumbers = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        raters = sorted.enumerated().map { number, entry in
            Rater(
                tuple: number, isHuman: entry.value.origin == .human,
                promptText: Self.promptText(of: entry.value).flatMap { textNumbers[$0] },
                model: entry.value.model.flatMap { modelNumbers[$0] })
        }
        numbers = Dictionary(uniqueKeysWithValues: tupleIDs.enumerated().map { ($1, $0) })
    }

    /// Who made the labels of tuple `id`; nil for a tuple outside the selection.
    ///
    /// Tuple ids are the store's row ids, which mostly run without gaps: the place `id` has
    /// when they do is tried before the dictionary.
    func rater(of id: Int64) -> Rater? {
        let place = Int(truncatingIfNeeded: id &- (tupleIDs.first ?? 0))
        if tupleIDs.indices.contains(place), tupleIDs[place] == id { return raters[place] }
        return numbers[id].map { raters[$0] }
    }

    /// The prompt text of an LLM tuple: its prompt, with no hash when the hash is ambiguous
    /// or unknown, so all such labels of one version label are one text (`NAME@VERSION#unknown`).
    static func promptText(of tuple: ProvenanceTuple) -> PromptRef? {
        guard var prompt = tuple.prompt else { return nil }
        if tuple.hashStatus == .ambiguous || tuple.hashStatus == .unknown { prompt.sha256 = nil }
        return prompt
    }
}
