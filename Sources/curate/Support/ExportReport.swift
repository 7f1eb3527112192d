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
        json(manifestWritten: !dryRun, adding: [("dry_run", .bool(dryRun))])
    }

    /// The counts, the dataset, its path and format, the manifest's path (null when none was
    /// written), then `extra`.
    private func json(manifestWritten: Bool, adding extra: [(String, JSONValue)]) -> String {
        guard case .object(var members) = summary.jsonValue else { return JSONWriter.pretty(summary.jsonValue) }
        members += [
            ("dataset", .string(folder.name)), ("path", .string(Self.display(folder.url))), ("format", .string(format.rawValue)),
            ("manifest", manifestWritten ? .string(Self.display(folder.url.appendingPathComponent(Manifest.fileName))) : .null),
        ] + extra
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

    /// After an export: where it went and what each of its data files holds.
    func renderExported(_ files: [Manifest.DataFile]) -> String {
        var text = "exported \(count(summary.records, "record")) of \(count(summary.inputs, "input")) to \(Self.display(folder.url))/\n"
        var table = TextTable(header: ["file", "split", "task", "records"], rightAligned: [3], flexible: [2: .end])
        for file in files {
            table.append([file.path, file.split, file.task ?? "-", String(file.records)])
        }
        text += table.render(width: width)
        text += "from \(count(summary.tuples.count, "provenance tuple")); manifest: \(Self.display(folder.url.appendingPathComponent(Manifest.fileName)))"
            + "; card: \(Self.display(folder.url.appendingPathComponent(DatasetCard.fileName)))\n"
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

    func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A path relative to the current folder when it is inside it, else absolute.
    static func display(_ url: URL) -> String {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return TerminalText.escaped(path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path)
    }
}

/// What `curate export --from-manifest` prints.
extension ExportReport {
    /// The dataset came out byte-identical and was put in place.
    func renderRebuilt(_ outcome: RebuildOutcome) -> String {
        var text = "rebuilt \(count(summary.records, "record")) to \(Self.display(folder.url))/: every data file and the record list "
            + "are byte-identical to the manifest's\n"
        let parts = manifestDifferences(outcome)
        text += parts.isEmpty
            ? "manifest.json is identical too\n"
            : "manifest.json differs from the recorded one in: \(parts.joined(separator: ", "))\n"
        return text
    }

    /// The dataset came out different: why that may be, before the difference itself.
    func renderNotRebuilt(_ outcome: RebuildOutcome) -> String {
        var text = "could not rebuild \(Self.display(folder.url))/ byte-identically; nothing was written\n"
        if let then = outcome.recorded.store, let now = outcome.rebuilt.store {
            text += "store when exported: \(then.summary)\n"
            text += "store now:           \(now.summary)\n"
            if then == now { text += "the store holds the same labels: flags, retractions or backfilled hashes changed since\n" }
        } else {
            text += "the manifest does not record the store's state (an older curate wrote it), so every label was used\n"
        }
        return text
    }

    /// `--json` of a rebuild: the counts, whether it matched, the two store states and the difference.
    func json(rebuild outcome: RebuildOutcome) -> String {
        json(manifestWritten: outcome.isIdentical, adding: [
            ("identical", .bool(outcome.isIdentical)),
            ("manifest_differences", .array(manifestDifferences(outcome).map(JSONValue.string))),
            ("recorded_store", outcome.recorded.store?.jsonValue ?? .null),
            ("store", outcome.rebuilt.store?.jsonValue ?? .null),
            ("difference", outcome.difference.map(DiffJSONRenderer.value) ?? .null),
        ])
    }

    /// The parts of the rebuilt manifest that differ from the recorded one (`tool`, `selection`…).
    private func manifestDifferences(_ outcome: RebuildOutcome) -> [String] {
        guard outcome.rebuilt.jsonText != outcome.recorded.jsonText else { return [] }
        let diff = ManifestDiff.compare(outcome.recorded, outcome.rebuilt, records: RecordChanges(), beforeLabel: "", afterLabel: "")
        let parts = diff.differences + diff.ignoredDifferences
        return parts.isEmpty ? ["formatting"] : parts
    }
}
