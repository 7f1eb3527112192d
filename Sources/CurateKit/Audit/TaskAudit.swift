/// One task's counts while an audit streams its inputs: labels per tuple, LLM tuples
/// against human labels, and pairs of prompt texts and of models.
///
/// Everything it keeps is a count: per tuple, per category and per pair of raters, never
/// per input, so its size does not grow with the number of labels.
struct TaskAudit {
    private typealias Rating = AgreementCounter.Rating

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
    private var tuples: [Int64: TupleCounts] = [:]
    private var againstHuman: [Int64: AgreementCounter] = [:]
    /// Counters by pair `first × promptTexts.count + second`, `first < second`.
    private var promptPairs: [Int: AgreementCounter] = [:]
    /// Counters by pair `first × models.count + second`, `first < second`.
    private var modelPairs: [Int: AgreementCounter] = [:]

    /// Counts one input's labels, each its tuple and output, oldest first by (created_at, id).
    mutating func add(_ labels: [(tupleID: Int64, output: String)], raters: RaterIndex) {
        var newestOfTuple: [(key: Int64, rating: Rating)] = []
        var newestOfText: [(key: Int, rating: Rating)] = []
        var newestOfModel: [(key: Int, rating: Rating)] = []
        var human: Rating?
        let wasCategorical = categories.isCategorical
        for label in labels {
            guard let rater = raters.rater(of: label.tupleID) else { continue }
            let rating = Rating(output: label.output, category: categories.number(of: label.output))
            tuples[label.tupleID, default: TupleCounts()].count(category: rating.category)
            Self.keep(rating, of: label.tupleID, in: &newestOfTuple)
            if rater.isHuman { human = rating }
            if let text = rater.promptText { Self.keep(rating, of: text, in: &newestOfText) }
            if let model = rater.model { Self.keep(rating, of: model, in: &newestOfModel) }
        }
        if wasCategorical, !categories.isCategorical { dropCategories() }

        let categorical = categories.isCategorical
        for entry in newestOfTuple {
            tuples[entry.key]?.inputs += 1
            guard let human, raters.rater(of: entry.key)?.isHuman == false else { continue }
            againstHuman[entry.key, default: AgreementCounter(categorical: categorical)].add(human, entry.rating)
        }
        Self.countPairs(newestOfText, raters: raters.promptTexts.count, categorical: categorical, into: &promptPairs)
        Self.countPairs(newestOfModel, raters: raters.models.count, categorical: categorical, into: &modelPairs)
    }

    /// Adds what was counted for `task` to `result`, each part in order.
    /// - Parameter plan: the selected tuples, by id.
    func report(task: String, plan: [Int64: ProvenanceTuple], raters: RaterIndex, into result: inout AuditResult) {
        let categorical = categories.isCategorical
        let audited = tuples.compactMap { id, counts -> (id: Int64, tuple: ProvenanceTuple, counts: TupleCounts)? in
            guard var tuple = plan[id] else { return nil }
            tuple.task = task
            return (id, tuple, counts)
        }.sorted { $0.tuple < $1.tuple }
        for (_, tuple, counts) in audited {
            let shares = counts.perCategory.enumerated().filter { $0.element > 0 }.map { number, count in
                TupleAudit.LabelShare(label: categories.label(number), count: count, share: Double(count) / Double(counts.labels))
            }
            result.tuples.append(TupleAudit(
                tuple: tuple, labels: counts.labels, inputs: counts.inputs,
                topLabels: categorical
                    ? Array(shares.sorted { ($1.count, $0.label) < ($0.count, $1.label) }.prefix(TupleAudit.topLabelCount)) : nil,
                distinctLabels: categorical ? shares.count : nil))
        }
        for (id, tuple, _) in audited where tuple.origin == .llm {
            let counter = againstHuman[id] ?? AgreementCounter(categorical: categorical)
            result.againstHuman.append(HumanAgreement(
                tuple: tuple, agreement: counter.agreement(categories: categories, confusions: Self.confusionCount)))
        }
        result.betweenPromptTexts += Self.pairs(promptPairs, task: task, raters: raters.promptTexts, categories: categories)
        result.betweenModels += Self.pairs(modelPairs, task: task, raters: raters.models, categories: categories)
    }

    /// Records `rating` as the newest of `key`'s.
    private static func keep<Key: Equatable>(_ rating: Rating, of key: Key, in newest: inout [(key: Key, rating: Rating)]) {
        if let index = newest.firstIndex(where: { $0.key == key }) {
            newest[index].rating = rating
        } else {
            newest.append((key, rating))
        }
    }

    /// Counts every two raters of `newest` (numbers below `raters`) on this input.
    private static func countPairs(
        _ newest: [(key: Int, rating: Rating)], raters: Int, categorical: Bool, into pairs: inout [Int: AgreementCounter]
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
        for id in tuples.keys { tuples[id]?.perCategory = [] }
        for id in againstHuman.keys { againstHuman[id]?.dropCategories() }
        for key in promptPairs.keys { promptPairs[key]?.dropCategories() }
        for key in modelPairs.keys { modelPairs[key]?.dropCategories() }
    }
}
