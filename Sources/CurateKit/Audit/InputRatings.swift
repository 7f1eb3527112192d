/// One input's labels as an audit compares them: the newest rating of each tuple, prompt
/// text and model, and of a human, with the input's outputs numbered so that equal outputs
/// compare as equal integers.
///
/// Its buffers are kept from one input to the next (see ``removeAll()``), so counting an
/// input allocates nothing once the first few inputs have grown them.
struct InputRatings {
    /// One label's output on this input.
    struct Rating {
        /// The output's number on this input: equal outputs (as canonical JSON), equal numbers.
        let output: Int
        /// Its category number while the task is categorical.
        let category: Int?
    }

    /// The input's distinct outputs, by number, each with its category number.
    private var outputs: [(output: String, category: Int?)] = []
    /// The newest rating of each tuple.
    private(set) var ofTuple: [(key: RaterIndex.Rater, rating: Rating)] = []
    /// The newest rating of each prompt text, by its number.
    private(set) var ofPromptText: [(key: Int, rating: Rating)] = []
    /// The newest rating of each model, by its number.
    private(set) var ofModel: [(key: Int, rating: Rating)] = []
    /// The newest human rating.
    private(set) var human: Rating?

    /// Forgets the last input, keeping the buffers' capacity for the next.
    mutating func removeAll() {
        outputs.removeAll(keepingCapacity: true)
        ofTuple.removeAll(keepingCapacity: true)
        ofPromptText.removeAll(keepingCapacity: true)
        ofModel.removeAll(keepingCapacity: true)
        human = nil
    }

    /// The rating of `output` on this input; an output new to the input is numbered among
    /// the task's `categories` too, an output seen before keeps the category it got.
    mutating func rating(of output: String, categories: inout OutputCategories) -> Rating {
        if let number = outputs.firstIndex(where: { $0.output == output }) {
            return Rating(output: number, category: categories.isCategorical ? outputs[number].category : nil)
        }
        let category = categories.number(of: output)
        outputs.append((output, category))
        return Rating(output: outputs.count - 1, category: category)
    }

    /// Records `rating`, the input's newest label so far, as `rater`'s newest.
    mutating func keep(_ rating: Rating, of rater: RaterIndex.Rater) {
        Self.keep(rating, of: rater, in: &ofTuple)
        if rater.isHuman { human = rating }
        if let text = rater.promptText { Self.keep(rating, of: text, in: &ofPromptText) }
        if let model = rater.model { Self.keep(rating, of: model, in: &ofModel) }
    }

    /// Records `rating` as the newest of `key`'s.
    private static func keep<Key: Equatable>(_ rating: Rating, of key: Key, in newest: inout [(key: Key, rating: Rating)]) {
        if let index = newest.firstIndex(where: { $0.key == key }) {
            newest[index].rating = rating
        } else {
            newest.append((key, rating))
        }
    }
}
