import CurateKit
import Foundation

/// What `curate export` prints: the records per provenance tuple and split.
struct ExportReport {
    let summary: ExportSummary
    let folder: DatasetFolder
    let format: ExportFormat
    let includeFlagged: Bool
    /// The columns the tables fit in.
    var width = Terminal.columns

    /// `--json`: the dataset, whether it was written, and the counts (``ExportSummary/jsonValue``).
    func json(dryRun: Bool) -> String {
        guard case .object(var members) = summary.jsonValue else { return JSONWriter.pretty(summary.jsonValue) }
        members += [
            ("dataset", .string(folder.name)), ("path", .string(Self.display(folder.url))), ("format", .string(format.rawValue)),
            ("dry_run", .bool(dryRun)),
            ("manifest", dryRun ? .null : .string(Self.display(folder.url.appendingPathComponent(Manifest.fileName)))),
        ]
        return JSONWriter.pretty(.object(members))
    }

    /// The dry run: a table of what would be exported, and what was left out.
    func renderDryRun() -> String {
        var text = "dry run: would export \(count(summary.records, "record")) of \(count(summary.inputs, "input")) "
            + "to \(Self.display(folder.url))/; nothing was written\n\n"
        let splitColumns = summary.splits.count > 1 ? summary.splits : []
        var table = TextTable(
            header: ["task", "producer", "prompt", "hash", "records"] + splitColumns,
            rightAligned: Set(4..<(5 + splitColumns.count)), flexible: [0: .end, 1: .middle])
        for row in summary.tuples {
            table.append([
                row.tuple.task, row.tuple.producerDescription, row.tuple.prompt?.shortForm ?? "-",
                row.tuple.hashStatus?.rawValue ?? "-", String(row.records),
            ] + (splitColumns.isEmpty ? [] : row.perSplit.map(String.init)))
        }
        table.append(["total", "", "", "", String(summary.records)] + (splitColumns.isEmpty ? [] : summary.recordsPerSplit.map(String.init)))
        text += table.render(width: width)
        return text + footer()
    }

    /// After an export: where it went and what each file holds.
    func renderExported() -> String {
        var text = "exported \(count(summary.records, "record")) of \(count(summary.inputs, "input")) to \(Self.display(folder.url))/\n"
        var table = TextTable(header: ["file", "split", "records"], rightAligned: [2])
        for (split, records) in zip(summary.splits, summary.recordsPerSplit) {
            table.append(["\(split).\(format.fileExtension)", split, String(records)])
        }
        text += table.render(width: width)
        text += "from \(count(summary.tuples.count, "provenance tuple")); manifest: \(Self.display(folder.url.appendingPathComponent(Manifest.fileName)))\n"
        return text + footer()
    }

    private func footer() -> String {
        var text = "selected \(count(summary.labelsSelected, "label"))"
        if summary.labelsFlagged > 0 {
            text += "; \(summary.labelsFlagged) of them flagged, " + (includeFlagged ? "kept (--include-flagged)" : "left out")
        }
        if summary.labelsRetracted > 0 {
            let ids = summary.retractions.map { String($0.retraction.id) }.joined(separator: ", ")
            text += "; \(count(summary.labelsRetracted, "retracted label")) left out (retraction\(summary.retractions.count == 1 ? "" : "s") \(ids))"
        }
        text += "\n"
        guard !summary.flags.isEmpty else { return text }
        var table = TextTable(header: ["flag", "target", "labels", "reason"], rightAligned: [2], flexible: [1: .middle, 3: .end])
        for applied in summary.flags {
            table.append([applied.flag.kind.rawValue, DisplayForm.shortHashes(applied.flag.target), String(applied.labels), applied.flag.reason])
        }
        return text + table.render(indent: "  ", width: width)
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A path relative to the current folder when it is inside it, else absolute.
    static func display(_ url: URL) -> String {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return TerminalText.escaped(path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path)
    }
}
