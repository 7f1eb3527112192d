/// Counts what an audit reads, input by input: labels and inputs, and each task's agreement
/// (``TaskAudit``).
///
/// Inputs come in (task, input_id) order, so the task being counted is kept at hand and
/// looked up again only when the next input's task differs.
struct AuditTally {
    private let raters: RaterIndex
    private(set) var labels = 0
    private(set) var inputs = 0
    /// Every task counted but the current one.
    private var others: [String: TaskAudit] = [:]
    /// The task of the last input, and its counts; nil before the first input.
    private var current: (task: String, audit: TaskAudit)?

    /// A tally with nothing counted, of labels from the tuples `raters` numbers.
    init(raters: RaterIndex) {
        self.raters = raters
    }

    /// Counts one input of `task`: its labels, each its tuple and output, oldest first by (created_at, id).
    mutating func add(_ labels: some Collection<(tupleID: Int64, output: String)>, of task: String) {
        self.labels += labels.count
        inputs += 1
        if current?.task != task {
            if let current { others[current.task] = current.audit }
            current = (task, others.removeValue(forKey: task) ?? TaskAudit(raters: raters))
        }
        current?.audit.add(labels, raters: raters)
    }

    /// Adds every task's counts to `result`, tasks in UTF-8 byte order.
    /// - Parameter plan: the selected tuples, by id.
    func report(plan: [Int64: ProvenanceTuple], into result: inout AuditResult) {
        var tasks = others
        if let current { tasks[current.task] = current.audit }
        result.labels = labels
        result.inputs = inputs
        for task in tasks.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            tasks[task]?.report(task: task, plan: plan, raters: raters, into: &result)
        }
    }
}
