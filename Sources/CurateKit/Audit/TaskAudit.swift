/// One task's counts while an audit streams its inputs: labels per tuple, LLM tuples
/// against human labels, and pairs of prompt texts and of models.
///
/// Everything it keeps is a count: per tuple, per category and per pair of raters, never
/// per input, so its size does not grow with the number of labels. Tuples are counted by
/// their number in the ``RaterIndex``, and outputs compared as numbers (``InputRatings``).
struct TaskAudit {
    /// One tuple's labels, inputs and labels per category.
    private struct TupleCounts {
        var labels = 0
        var inputs = 0
        /// Labels by category number; emptied when the task is not categorical.
        var perCategory: [Int] = []

        mutating func count(category: Int?) {
            labels += 1
            guard let category else { return }
            if category >= perCategory.count { perCategory += Array(repeating: 0, count: category - perCategory.count + 1) }
            perCategory[category] += 1
        }
    }

    /// How many confusions each LLM tuple lists against human labels.
    static let confusionCount = 3

    private var categories = OutputCategories()
    /// Counts by tuple number; a tuple with no label of the task has none.
    private var tuples: [TupleCounts]
    /// Counters by tuple number, for LLM tuples that labeled an input with a human label.
    private var againstHuman: [AgreementCounter?]
    /// Counters by pair `first × promptTexts.count + second`, `first < second`.
    private var promptPairs: [Int: AgreementCounter] = [:]
    /// Counters by pair `first × models.count + second`, `first < second`.
    private var modelPairs: [Int: AgreementCounter] = [:]
    /// The input being counted, its buffers kept for the next.
    private var input = InputRatings()

    /// A task with nothing counted yet, whose labels come from the tuples `raters` numbers.
    init(raters: RaterIndex) {
        tuples = Array(repeating: TupleCounts(), count: raters.tupleIDs.count)
        againstHuman = Array(repeating: nil, count: raters.tupleIDs.count)
    }

    /// Counts one input's labels, each its tuple and output, oldest first by (created_at, id).
    mutating func add(_ labels: some Collection<(tupleID: Int64, output: String)>, raters: RaterIndex) {
        input.removeAll()
        let wasCategorical = categories.isCategorical
        for label in labels {
            guard let rater = raters.rater(of: label.tupleID) else { continue }
            let rating = input.rating(of: label.output, categories: &categories)
            tuples[rater.tuple].count(category: rating.category)
            input.keep(rating, of: rater)
        }
        if wasCategorical, !categories.isCategorical { dropCategories() }

        let categorical = categories.isCategorical
        for (rater, rating) in input.ofTuple {
            tuples[rater.tuple].inputs += 1
            guard let human = input.human, !rater.isHuman else { continue }
            if againstHuman[rater.tuple] == nil { againstHuman[rater.tuple] = AgreementCounter(categorical: categorical) }
            againstHuman[rater.tuple]?.add(human, rating)
        }
        Self.countPairs(input.ofPromptText, raters: raters.promptTexts.count, categorical: categorical, into: &promptPairs)
        Self.countPairs(input.ofModel, raters: raters.models.count, categorical: categorical, into: &modelPairs)
    }

    /// Adds what was counted for `task` to `result`, each part in order.
    /// - Parameter plan: the selected tuples, by id.
    func report(task: String, plan: [Int64: ProvenanceTuple], raters: RaterIndex, into result: inout AuditResult) {
        let categorical = categories.isCategorical
        let audited = tuples.indices.compactMap { number -> (number: Int, tuple: ProvenanceTuple)? in
            guard tuples[number].labels > 0, var tuple = plan[raters.tupleIDs[number]] else { return nil }
            tuple.task = task
            return (number, tuple)
        }.sorted { $0.tuple < $1.tuple }
        for (number, tuple) in audited {
            let counts = tuples[number]
            let shares = counts.perCategory.enumerated().filter { $0.element > 0 }.map { category, count in
                TupleAudit.LabelShare(label: categories.label(category), count: count, share: Double(count) / Double(counts.labels))
            }
            result.tuples.append(TupleAudit(
                tuple: tuple, labels: counts.labels, inputs: counts.inputs,
                topLabels: categorical
                    ? Array(shares.sorted { ($1.count, $0.label) < ($0.count, $1.label) }.prefix(TupleAudit.topLabelCount)) : nil,
                distinctLabels: categorical ? shares.count : nil))
        }
        for (number, tuple) in audited where tuple.origin == .llm {
            let counter = againstHuman[number] ?? AgreementCounter(categorical: categorical)
            result.againstHuman.append(HumanAgreement(
                tuple: tuple, agreement: counter.agreement(categories: categories, confusions: Self.confusionCount)))
        }
        result.betweenPromptTexts += Self.pairs(promptPairs, task: task, raters: raters.promptTexts, categories: categories)
        result.betweenModels += Self.pairs(modelPairs, task: task, raters: raters.models, categories: categories)
    }

    /// Counts every two raters of `newest` (numbers below `raters`) on this input.
    private static func countPairs(
        _ newest: [(key: Int, rating: InputRatings.Rating)], raters: Int, categorical: Bool, into pairs: inout [Int: AgreementCounter]
    ) {
        for (offset, one) in newest.enumerated() {
            for other in newest[(offset + 1)...] {
                let (first, second) = one.key < other.key ? (one, other) : (other, one)
                pairs[first.key * raters + second.key, default: AgreementCounter(categorical: categorical)].add(first.rating, second.rating)
            }
        }
    }

    /// The pairs of `counters`, in the order of their raters.
    private static func pairs<Rater>(
        _ counters: [Int: AgreementCounter], task: String, raters: [Rater], categories: OutputCategories
    ) -> [PairAgreement<Rater>] {
        counters.sorted { $0.key < $1.key }.map { key, counter in
            PairAgreement(
                task: task, first: raters[key / raters.count], second: raters[key % raters.count],
                agreement: counter.agreement(categories: categories, confusions: 0))
        }
    }

    /// Forgets every confusion matrix and label count per category: the task's outputs are not categorical.
    private mutating func dropCategories() {
        for number in tuples.indices { tuples[number].perCategory = [] }
        for number in againstHuman.indices { againstHuman[number]?.dropCategories() }
        for key in promptPairs.keys { promptPairs[key]?.dropCategories() }
        for key in modelPairs.keys { modelPairs[key]?.dropCategories() }
    }
}
