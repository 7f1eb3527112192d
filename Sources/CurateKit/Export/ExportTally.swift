/// Counts what an export writes: records per tuple and split, inputs, and each task's
/// label distribution. Memory grows with the number of tuples and distinct labels,
/// never with the number of records.
struct ExportTally {
    private let plan: SelectionPlan
    private let splits: [String]
    private var perTask: [String: TaskCounts] = [:]
    private(set) var records = 0
    private(set) var inputs = 0
    /// The newest `created_at` written, in nanoseconds since the epoch.
    private var newest: Int64?

    /// One task's records per tuple and split, and its label distribution, in all and per split.
    private struct TaskCounts {
        var perTuple: [Int64: [Int]] = [:]
        var labels = LabelCounter()
        var labelsPerSplit: [LabelCounter]

        init(splits: Int) {
            labelsPerSplit = Array(repeating: LabelCounter(), count: splits)
        }

        /// Counts a record of tuple `tupleID` written to split number `split` of `splits`, and its
        /// output unless it is nil (not read).
        mutating func count(tupleID: Int64, output: String?, split: Int, splits: Int) {
            perTuple[tupleID, default: Array(repeating: 0, count: splits)][split] += 1
            guard let output else { return }
            labels.add(output)
            labelsPerSplit[split].add(output)
        }
    }

    init(plan: SelectionPlan, splits: [String]) {
        self.plan = plan
        self.splits = splits
    }

    /// Counts an input that gets records.
    mutating func input() {
        inputs += 1
    }

    /// Counts a record written to split number `split`: a label of `task` and tuple `tupleID`,
    /// made at `createdAt` (nanoseconds since the epoch), with `output`, or nil when the
    /// output was not read (the task's label distribution then counts none).
    mutating func export(task: String, tupleID: Int64, createdAt: Int64, output: String?, split: Int) {
        records += 1
        newest = max(newest ?? createdAt, createdAt)
        let splitCount = splits.count
        perTask[task, default: TaskCounts(splits: splitCount)].count(tupleID: tupleID, output: output, split: split, splits: splitCount)
    }

    /// The totals, with what the label stream counted.
    func summary(_ stream: LabelStream.Counts) -> ExportSummary {
        let tuples = perTask.flatMap { task, counts in
            counts.perTuple.compactMap { tupleID, perSplit -> ExportSummary.TupleCount? in
                guard var tuple = plan.tuples[tupleID] else { return nil }
                tuple.task = task
                return ExportSummary.TupleCount(tuple: tuple, perSplit: perSplit)
            }
        }.sorted { $0.tuple < $1.tuple }
        let flags = plan.flags.flags.indices.compactMap { index -> Manifest.AppliedFlag? in
            stream.perFlag[index] > 0 ? Manifest.AppliedFlag(flag: plan.flags.flags[index], labels: stream.perFlag[index]) : nil
        }
        let byTask = perTask.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let labels = byTask.map { Manifest.LabelDistribution(task: $0.key, counts: $0.value.labels.distribution) }
        var summary = ExportSummary(
            splits: splits, tuples: tuples, records: records, inputs: inputs, labelsSelected: stream.labelsSelected,
            labelsFlagged: stream.labelsFlagged, flags: flags.sorted { $0.flag < $1.flag }, labels: labels)
        summary.newestCreatedAt = newest.map(Timestamp.init(nanosecondsSinceEpoch:))
        summary.labelsPerSplit = splits.indices.map { split in
            byTask.map { Manifest.LabelDistribution(task: $0.key, counts: $0.value.labelsPerSplit[split].distribution) }
        }
        summary.labelsRetracted = stream.labelsRetracted
        summary.retractions = stream.perRetraction.sorted { $0.key < $1.key }.compactMap { id, labels in
            plan.retractions[id].map { Manifest.AppliedRetraction(retraction: $0, labels: labels) }
        }
        return summary
    }
}

/// Counts one task's outputs while they look categorical: scalar JSON values, at most
/// ``Manifest/LabelDistribution/maximumCategories`` distinct ones.
struct LabelCounter {
    private var counts: [String: Int] = [:]
    private var categorical = true

    mutating func add(_ output: String) {
        guard categorical else { return }
        if let index = counts.index(forKey: output) {
            counts.values[index] += 1
            return
        }
        guard CategoricalOutput.isScalar(output), counts.count < Manifest.LabelDistribution.maximumCategories else {
            categorical = false
            counts = [:]
            return
        }
        counts[output] = 1
    }

    /// Count per label: a string output as its text, any other as its JSON; nil when not categorical.
    var distribution: [String: Int]? {
        guard categorical else { return nil }
        var result: [String: Int] = [:]
        for (output, count) in counts {
            result[CategoricalOutput.label(output), default: 0] += count
        }
        return result
    }
}
