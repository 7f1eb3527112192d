/// Audits stored labels for `curate audit`: per provenance tuple its labels, inputs and
/// label distribution; LLM labels against human labels on shared inputs; and agreement
/// between every two prompt texts and every two models of a task.
///
/// It reads the labels an export's stream would (the same selection, grouped by input, with
/// the same flags) once: from the store's export index, which holds each label's tuple and
/// output, where the index tells the selection, else as ``LabelStream``. It keeps only counts
/// (see ``TaskAudit``), so memory stays flat however many labels there are. Flagged labels
/// are left out unless the selection includes them; retracted ones always. Every selected
/// label counts, superseded ones too: a superseded label is still the record of what its
/// prompt and model said.
///
/// Agreement compares outputs as canonical JSON. Cohen's kappa needs categorical outputs
/// (scalars, at most ``Manifest/LabelDistribution/maximumCategories`` distinct per task);
/// a task with objects, arrays or more distinct outputs gets exact-match agreement only.
public struct Auditor {
    private let store: any StoreBackend

    /// An auditor reading from `store`.
    public init(store: Store) {
        self.store = store.backend
    }

    /// Audits the labels `selection` selects. Where the store's export index tells the selection
    /// (``IndexedChoice/readsFromIndex(_:)``), each label's tuple and output come from the index
    /// and no label row is read; otherwise every selected row is read and re-hashed.
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector; what reading the store throws.
    public func audit(_ selection: Selection) throws -> AuditResult {
        try audit(selection, fromIndex: true)
    }

    /// ``audit(_:)``, from the export index only when `fromIndex` and it can.
    func audit(_ selection: Selection, fromIndex: Bool) throws -> AuditResult {
        try store.readSnapshot {
            var plan = try SelectionPlan.resolve(selection, in: store)
            plan.query.readsInputs = false  // agreement compares outputs only
            let raters = RaterIndex(tuples: plan.tuples)
            var tally = AuditTally(raters: raters)
            let flagged: Int
            if fromIndex, let indexed = store as? any IndexedLabelReads, IndexedChoice.readsFromIndex(plan) {
                let choice = IndexedChoice(
                    plan: plan, humanPriority: false, includeFlagged: selection.includeFlagged, storeLocation: store.location)
                let reader = try indexed.labelKeyReader(plan.query, withOutputs: true)
                flagged = try choice.forEachGroup(reader) { task, _, candidates in
                    guard !candidates.isEmpty else { return }  // every label flagged, or retracted
                    tally.add(try choice.ordered(candidates, reader).lazy.map { key in
                        guard let output = key.output else { preconditionFailure("a reader made with outputs gives each entry its output") }
                        return (key.tupleID, output)
                    }, of: task)
                }.labelsFlagged
            } else {
                let stream = LabelStream(store: store, plan: plan, policy: .all, humanPriority: false, includeFlagged: selection.includeFlagged)
                flagged = try stream.forEach { group in
                    var labels = group.labels
                    if !selection.includeFlagged, group.flags.contains(where: { !$0.isEmpty }) {
                        labels = zip(group.labels, group.flags).filter { $0.1.isEmpty }.map(\.0)
                    }
                    guard !labels.isEmpty else { return }  // every label flagged, or retracted
                    tally.add(labels.lazy.map { ($0.tupleID, $0.output) }, of: group.task)
                }.labelsFlagged
            }
            var result = AuditResult(
                tuples: [], againstHuman: [], betweenPromptTexts: [], betweenModels: [], labels: 0, inputs: 0,
                flaggedLeftOut: selection.includeFlagged ? 0 : flagged)
            tally.report(plan: plan.tuples, into: &result)
            return result
        }
    }
}
