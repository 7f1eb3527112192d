import CurateKit

/// The summary `curate ingest` prints on standard output.
struct IngestReport {
    let summary: IngestSummary
    let sources: [String]

    func render() -> String {
        let names = sources.map { $0 == "-" ? "<stdin>" : $0 }.joined(separator: ", ")
        var text = "ingested \(summary.lines) line\(summary.lines == 1 ? "" : "s") from \(names)\n"
        let counts = [("new", summary.new), ("duplicates", summary.duplicates), ("rejected", summary.rejected)]
        let width = counts.map { String($0.1).count }.max() ?? 1
        for (name, count) in counts {
            let number = String(count)
            text += "  " + name.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: width - number.count) + number + "\n"
        }
        if let rejectPath = summary.rejectPath {
            text += "rejected lines written to \(rejectPath)\n"
        }
        guard !summary.perTuple.isEmpty else { return text }
        var table = TextTable(header: ["task", "producer", "prompt", "hash", "new", "duplicates"], rightAligned: [4, 5])
        for (tuple, count) in summary.perTuple.sorted(by: { $0.key < $1.key }) {
            table.append([
                tuple.task, tuple.producerDescription, tuple.prompt?.shortForm ?? "-", tuple.hashStatus?.rawValue ?? "-",
                String(count.new), String(count.duplicates),
            ])
        }
        return text + "\n" + table.render()
    }
}
