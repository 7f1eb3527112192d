import Foundation

/// Renders a ``ManifestDiff`` as text for a terminal or a pull-request comment: a header,
/// the verdict, then one aligned section per part that differs. Prompts are shown as
/// `NAME@VERSION#HASH12`.
public enum DiffTextRenderer {
    /// The longest output an example shows before it is cut with `…`.
    public static let maximumOutputLength = 40

    /// The text of `diff`, ending with a newline.
    /// - Parameter width: the terminal columns its tables fit in, if any (see ``TextTable``).
    public static func render(_ diff: ManifestDiff, width: Int? = nil) -> String {
        var text = header("before", diff.before) + header("after", diff.after)
        if diff.isSame {
            let ignored = diff.ignoredDifferences
            text += "result: same" + (ignored.isEmpty ? "" : " (\(ignored.joined(separator: ", ")) differ\(ignored.count == 1 ? "s" : ""), ignored)") + "\n"
            return text + metadataFiles(diff.metadataFiles, width: width)
        }
        text += "result: different (\(diff.differences.joined(separator: ", ")))\n"
        if !diff.selection.isEmpty { text += "\n" + selection(diff.selection, width: width) }
        if !diff.tuples.isEmpty { text += "\n" + tuples(diff.tuples, width: width) }
        if !diff.files.isEmpty { text += "\n" + files(diff.files, width: width) }
        if diff.records.hasChanges { text += "\n" + records(diff.records, before: diff.before.records, after: diff.after.records, width: width) }
        if diff.labels.contains(where: \.isChanged) { text += "\n" + labels(diff.labels.filter(\.isChanged), width: width) }
        if !diff.flags.isEmpty { text += "\n" + flags(diff.flags, width: width) }
        if !diff.retractions.isEmpty { text += "\n" + retractions(diff.retractions, width: width) }
        return text + metadataFiles(diff.metadataFiles, width: width)
    }

    /// The metadata files that differ, after an empty line; nothing when none do.
    private static func metadataFiles(_ changes: [ManifestDiff.MetadataFileChange], width: Int?) -> String {
        guard !changes.isEmpty else { return "" }
        var table = TextTable(header: ["file", "content"], flexible: [0: .middle])
        for change in changes {
            table.append([change.path, change.kind == "changed" ? "sha256 changed" : change.kind])
        }
        return "\nmetadata files (made from the manifest; not counted): \(tally(changes.map(\.kind)))\n" + table.render(indent: "  ", width: width)
    }

    private static func header(_ side: String, _ info: ManifestDiff.DatasetInfo) -> String {
        let padded = (side + ":").padding(toLength: 8, withPad: " ", startingAt: 0)
        let source = TerminalText.escaped(info.source)
        let tool = TerminalText.escaped("\(info.tool.name) \(info.tool.version)")
        return "\(padded)\(source) (\(TerminalText.escaped(info.name)), \(count(info.records, "record")), created \(DisplayForm.time(info.createdAt)) by \(tool))\n"
    }

    private static func selection(_ changes: [ManifestDiff.FieldChange], width: Int?) -> String {
        var table = TextTable(header: ["field", "before", "after"], flexible: [1: .end, 2: .end])
        for change in changes {
            table.append([change.field, value(change.before), value(change.after)])
        }
        return "selection: \(count(changes.count, "change"))\n" + table.render(indent: "  ", width: width)
    }

    private static func tuples(_ changes: [ManifestDiff.TupleChange], width: Int?) -> String {
        var table = TextTable(
            header: ["change", "task", "producer", "prompt", "hash", "before", "after", "delta"], rightAligned: [5, 6, 7],
            flexible: [1: .end, 2: .middle])
        for change in changes {
            let tuple = change.tuple
            table.append([
                change.kind, tuple.task, tuple.producerDescription, tuple.prompt?.shortForm ?? "-", tuple.hashStatus?.rawValue ?? "-",
                String(change.before), String(change.after), delta(change.after - change.before),
            ])
        }
        return "provenance tuples: \(tally(changes.map(\.kind)))\n" + table.render(indent: "  ", width: width)
    }

    private static func files(_ changes: [ManifestDiff.FileChange], width: Int?) -> String {
        var table = TextTable(header: ["file", "split", "before", "after", "content"], rightAligned: [2, 3], flexible: [0: .middle, 1: .end])
        for change in changes {
            let content: String
            switch (change.before, change.after) {
            case (let old?, let new?): content = old.sha256 == new.sha256 ? "same sha256" : "sha256 changed"
            default: content = change.kind
            }
            table.append([
                change.path, (change.after ?? change.before)?.split ?? "-",
                change.before.map { String($0.records) } ?? "-", change.after.map { String($0.records) } ?? "-", content,
            ])
        }
        return "files: \(tally(changes.map(\.kind)))\n" + table.render(indent: "  ", width: width)
    }

    private static func records(_ records: RecordChanges, before: Int, after: Int, width: Int?) -> String {
        var text = "records: \(before) → \(after) (\(delta(after - before))), compared by input (task, input_id)\n"
        var counts = TextTable(header: ["inputs", "count"], showsHeader: false, rightAligned: [1])
        counts.append(["added", String(records.added)])
        counts.append(["removed", String(records.removed)])
        counts.append(["relabeled (other output)", String(records.relabeled)])
        counts.append(["replaced (same output, other record)", String(records.replaced)])
        counts.append(["unchanged", String(records.unchanged)])
        text += counts.render(indent: "  ")
        guard !records.examples.isEmpty else { return text }
        var table = TextTable(header: ["change", "task", "input_id", "before", "after"], flexible: [1: .end, 2: .middle, 3: .end, 4: .end])
        for example in records.examples {
            table.append([example.kind.rawValue, example.task, clip(example.inputID), labels(example.before), labels(example.after)])
        }
        return text + "  examples:\n" + table.render(indent: "    ", width: width)
    }

    private static func labels(_ shifts: [TaskLabelShift], width: Int?) -> String {
        var table = TextTable(
            header: ["task", "label", "before", "share", "after", "share", "delta"], rightAligned: [2, 3, 4, 5, 6], flexible: [0: .end, 1: .end])
        for shift in shifts {
            if shift.labels.isEmpty {
                table.append([shift.task, "(\(shift.before.rawValue) → \(shift.after.rawValue))", "-", "-", "-", "-", "-"])
                continue
            }
            for label in shift.labels {
                table.append([
                    shift.task, clip(label.label), String(label.before), percent(label.shareBefore),
                    String(label.after), percent(label.shareAfter), delta(label.after - label.before),
                ])
            }
            if shift.before != shift.after, shift.before != .absent, shift.after != .absent {
                table.append([shift.task, "(\(shift.before.rawValue) → \(shift.after.rawValue))", "", "", "", "", ""])
            }
        }
        return "label distribution: \(count(shifts.count, "task")) changed\n" + table.render(indent: "  ", width: width)
    }

    private static func retractions(_ changes: [ManifestDiff.RetractionChange], width: Int?) -> String {
        var table = TextTable(header: ["id", "kind", "target", "reason", "before", "after"], rightAligned: [0, 4, 5], flexible: [2: .middle, 3: .end])
        for change in changes {
            let retraction = change.retraction
            table.append([
                String(retraction.id), retraction.kind.rawValue, clip(retraction.target), clip(retraction.reason),
                change.before.map(String.init) ?? "-", change.after.map(String.init) ?? "-",
            ])
        }
        return "retractions (labels held back): \(count(changes.count, "change"))\n" + table.render(indent: "  ", width: width)
    }

    private static func flags(_ changes: [ManifestDiff.FlagChange], width: Int?) -> String {
        var table = TextTable(header: ["flag", "target", "reason", "before", "after"], rightAligned: [3, 4], flexible: [1: .middle, 2: .end])
        for change in changes {
            table.append([
                change.flag.kind.rawValue, clip(DisplayForm.shortHashes(change.flag.target)), clip(change.flag.reason),
                change.before.map(String.init) ?? "-", change.after.map(String.init) ?? "-",
            ])
        }
        return "flags (labels matched): \(count(changes.count, "change"))\n" + table.render(indent: "  ", width: width)
    }

    // MARK: Values

    /// A selection value as a person reads it: strings bare, lists in brackets, prompts in short form.
    static func value(_ value: JSONValue?) -> String {
        guard let value else { return "-" }
        switch value {
        case .null: return "(none)"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let lexeme): return lexeme
        case .string(let text): return text
        case .array(let elements): return "[" + elements.map { Self.value($0) }.joined(separator: ", ") + "]"
        case .object:
            if case .string(let name)? = value["name"], case .string(let version)? = value["version"] {
                var sha256: String?
                if case .string(let hash)? = value["sha256"] { sha256 = hash }
                return PromptRef(name: name, version: version, sha256: sha256).shortForm
            }
            if case .string(let name)? = value["name"], case .number(let fraction)? = value["fraction"] {
                return "\(name)=\(fraction)"
            }
            return JSONWriter.canonical(value)
        }
    }

    private static func labels(_ labels: [RecordLabel]) -> String {
        guard !labels.isEmpty else { return "-" }
        return labels.map { label in
            let replaces = label.supersedes.map { ", supersedes \($0.prefix(12))" } ?? ""
            return "\(clip(label.output)) (\(label.producer)\(replaces))"
        }.joined(separator: "; ")
    }

    /// One line of at most ``maximumOutputLength`` characters: line breaks and tabs become
    /// spaces (the table escapes every other control character).
    private static func clip(_ text: String) -> String {
        var line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        if line.count > maximumOutputLength { line = String(line.prefix(maximumOutputLength - 1)) + "…" }
        return line
    }

    private static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    private static func delta(_ value: Int) -> String {
        value > 0 ? "+\(value)" : String(value)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `1 added, 2 changed`: the count of each kind, in the order added, removed, changed.
    private static func tally(_ kinds: [String]) -> String {
        ["added", "removed", "changed"].compactMap { kind in
            let number = kinds.filter { $0 == kind }.count
            return number == 0 ? nil : "\(number) \(kind)"
        }.joined(separator: ", ")
    }
}
