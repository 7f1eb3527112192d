/// Audits stored labels for `curate audit`: per provenance tuple its labels, inputs and
/// label distribution; LLM labels against human labels on shared inputs; and agreement
/// between every two prompt texts and every two models of a task.
///
/// It reads the same stream as an export (``LabelStream``: the same selection, grouped by
/// input, with the same flags) once, and keeps only counts (see ``TaskAudit``), so memory
/// stays flat however many labels there are. Flagged labels are left out unless the
/// selection includes them; retracted ones always. Every selected label counts, superseded ones too: a
/// superseded label is still the record of what its prompt and model said.
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

    /// Audits the labels `selection` selects.
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector; what reading the store throws.
    public func audit(_ selection: Selection) throws -> AuditResult {
        try store.readSnapshot {
            var plan = try SelectionPlan.resolve(selection, in: store)
            plan.query.readsInputs = false  // agreement compares outputs only
            let raters = RaterIndex(tuples: plan.tuples)
            let stream = LabelStream(store: store, plan: plan, policy: .all, humanPriority: false, includeFlagged: selection.includeFlagged)
            var tasks: [String: TaskAudit] = [:]
            var result = AuditResult(tuples: [], againstHuman: [], betweenPromptTexts: [], betweenModels: [], labels: 0, inputs: 0, flaggedLeftOut: 0)
            let counts = try stream.forEach { group in
                var labels = group.labels
                if !selection.includeFlagged, group.flags.contains(where: { !$0.isEmpty }) {
                    labels = zip(group.labels, group.flags).filter { $0.1.isEmpty }.map(\.0)
                }
                guard !labels.isEmpty else { return }  // every label flagged, or retracted
                result.labels += labels.count
                result.inputs += 1
                tasks[group.task, default: TaskAudit()].add(labels, raters: raters)
            }
            result.flaggedLeftOut = selection.includeFlagged ? 0 : counts.labelsFlagged
            for task in tasks.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                tasks[task]?.report(task: task, plan: plan.tuples, raters: raters, into: &result)
            }
            return result
        }
    }
}
