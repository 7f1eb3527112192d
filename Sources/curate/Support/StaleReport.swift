import CurateKit

/// `curate stale --summary` as a table or JSON.
enum StaleReport {
    /// Stale inputs per task and reason, then the totals.
    static func table(_ summary: StaleSummary) -> String {
        var table = TextTable(header: ["task", "reason", "inputs"], rightAligned: [2])
        for task in summary.byTaskAndReason.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let reasons = summary.byTaskAndReason[task] ?? [:]
            for reason in reasons.keys.sorted() {
                table.append([task, reason.rawValue, String(reasons[reason] ?? 0)])
            }
        }
        var text = summary.staleInputs > 0 ? table.render() : ""
        text += "\(summary.staleInputs) of \(summary.inputs) inputs stale"
        text += summary.humanDecided > 0 ? " (\(summary.humanDecided) decided by a human label, never stale)\n" : "\n"
        return text
    }

    /// `{"inputs","stale","human_decided","tasks":[{"task","stale","reasons":{REASON: N}}]}`.
    static func json(_ summary: StaleSummary) -> String {
        let tasks = summary.byTaskAndReason.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map { task in
            let reasons = summary.byTaskAndReason[task] ?? [:]
            return JSONValue.object([
                ("task", .string(task)), ("stale", number(summary.staleByTask[task] ?? 0)),
                ("reasons", .object(reasons.keys.sorted().map { ($0.rawValue, number(reasons[$0] ?? 0)) })),
            ])
        }
        return JSONWriter.pretty(.object([
            ("inputs", number(summary.inputs)), ("stale", number(summary.staleInputs)),
            ("human_decided", number(summary.humanDecided)), ("tasks", .array(tasks)),
        ]))
    }

    private static func number(_ value: Int) -> JSONValue {
        .number(String(value))
    }
}
