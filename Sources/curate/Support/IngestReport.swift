import CurateKit

/// The summary `curate ingest` prints on standard output.
struct IngestReport {
    let summary: IngestSummary
    let sources: [String]
    /// The columns the tables fit in.
    var width = Terminal.columns

    func render() -> String {
        let names = sources.map { $0 == "-" ? "<stdin>" : TerminalText.escaped($0) }.joined(separator: ", ")
        var text = "ingested \(summary.lines) line\(summary.lines == 1 ? "" : "s") from \(names)\n"
        var counts = TextTable(header: ["count", "records"], showsHeader: false, rightAligned: [1])
        counts.append(["new", String(summary.new)])
        counts.append(["duplicates", String(summary.duplicates)])
        counts.append(["rejected", String(summary.rejected)])
        text += counts.render(indent: "  ")
        text += "logged as ingest \(summary.ingestID)\n"
        if let rejectPath = summary.rejectPath {
            text += "rejected lines written to \(TerminalText.escaped(rejectPath))\n"
        }
        if summary.rejectedTooLong > 0 {
            text += "\(summary.rejectedTooLong) rejected line\(summary.rejectedTooLong == 1 ? " was" : "s were") longer than "
                + "--max-line-bytes and not copied to the reject file\n"
        }
        guard !summary.perTuple.isEmpty else { return text }
        var table = TextTable(
            header: ["task", "producer", "prompt", "hash", "new", "duplicates"], rightAligned: [4, 5], flexible: [0: .end, 1: .middle])
        for (tuple, count) in summary.perTuple.sorted(by: { $0.key < $1.key }) {
            table.append([
                tuple.task, tuple.producerDescription, tuple.prompt?.shortForm ?? "-", tuple.hashStatus?.rawValue ?? "-",
                String(count.new), String(count.duplicates),
            ])
        }
        return text + "\n" + table.render(width: width)
    }
}
