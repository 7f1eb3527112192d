import CurateKit
import Foundation

/// `curate audit` as aligned text that fits ``width`` columns, or as JSON.
enum AuditReport {
    /// The widest line the text form prints.
    static let width = 100
    /// The narrowest a clipped column gets, unless its title is wider.
    private static let narrowestClip = 10

    /// A table row and the indented line printed under it, if any.
    private typealias Row = (cells: [String], note: String?)

    /// Four sections — tuples, against human labels, between prompt texts, between
    /// models — each a table (or a line saying there is nothing), then the totals. Against
    /// human labels lists the LLM tuples that share an input with a human label and counts the others.
    static func text(_ result: AuditResult) -> String {
        let tuples = result.tuples.map { audit -> Row in
            (tupleCells(audit.tuple) + [String(audit.labels), String(audit.inputs)], labelsNote(audit))
        }
        let compared = result.againstHuman.filter { $0.agreement.n > 0 }
        let human = compared.map { row -> Row in
            let confusions = row.agreement.confusions.map { "\($0.reference) → \($0.label) \($0.count)" }
            return (
                tupleCells(row.tuple) + agreementCells(row.agreement),
                confusions.isEmpty ? nil : "confused (human → LLM): " + confusions.joined(separator: ", "))
        }
        let prompts = result.betweenPromptTexts.map { pair -> Row in
            ([pair.task, pair.first.shortForm, pair.second.shortForm] + agreementCells(pair.agreement), nil)
        }
        let models = result.betweenModels.map { pair -> Row in
            ([pair.task, pair.first, pair.second] + agreementCells(pair.agreement), nil)
        }
        var text = "tuples\n"
        text += table(["task", "producer", "prompt", "hash", "labels", "inputs"], tuples, rightAligned: [4, 5], clippable: [0, 1, 2], none: "no labels selected")
        text += "\nagainst human labels\n"
        text += table(["task", "producer", "prompt", "hash", "n", "agreement", "kappa"], human, rightAligned: [4, 5, 6], clippable: [0, 1, 2], none: "no LLM label shares an input with a human label")
        let uncompared = result.againstHuman.count - compared.count
        if !compared.isEmpty, uncompared > 0 {
            text += "(\(uncompared) more LLM tuple\(uncompared == 1 ? " shares" : "s share") no input with a human label)\n"
        }
        text += "\nbetween prompt texts\n"
        text += table(["task", "prompt text a", "prompt text b", "n", "agreement", "kappa"], prompts, rightAligned: [3, 4, 5], clippable: [0, 1, 2], none: "no input labeled under two prompt texts")
        text += "\nbetween models\n"
        text += table(["task", "model a", "model b", "n", "agreement", "kappa"], models, rightAligned: [3, 4, 5], clippable: [0, 1, 2], none: "no input labeled by two models")
        text += "\n\(result.labels) label\(result.labels == 1 ? "" : "s") on \(result.inputs) input\(result.inputs == 1 ? "" : "s")"
        if result.flaggedLeftOut > 0 {
            text += "; \(result.flaggedLeftOut) flagged label\(result.flaggedLeftOut == 1 ? "" : "s") left out (--include-flagged counts them)"
        }
        return text + "\n"
    }

    /// `{"tuples","against_human","between_prompt_texts","between_models"}`, sorted keys, as the command's help documents.
    static func json(_ result: AuditResult) -> String {
        JSONWriter.pretty(.object([
            ("tuples", .array(result.tuples.map { audit in
                tupleValue(audit.tuple, [
                    ("labels", integer(audit.labels)), ("inputs", integer(audit.inputs)),
                    ("categorical", .bool(audit.topLabels != nil)),
                    ("distinct_labels", audit.distinctLabels.map(integer) ?? .null),
                    ("top_labels", audit.topLabels.map { shares in
                        .array(shares.map { .object([("label", .string($0.label)), ("count", integer($0.count)), ("share", decimal($0.share))]) })
                    } ?? .null),
                ])
            })),
            ("against_human", .array(result.againstHuman.map { row in
                tupleValue(row.tuple, agreementMembers(row.agreement) + [
                    ("confusions", .array(row.agreement.confusions.map {
                        .object([("human", .string($0.reference)), ("llm", .string($0.label)), ("count", integer($0.count))])
                    })),
                ])
            })),
            ("between_prompt_texts", .array(result.betweenPromptTexts.map { pair in
                .object([("task", .string(pair.task)), ("a", pair.first.jsonValue), ("b", pair.second.jsonValue)] + agreementMembers(pair.agreement))
            })),
            ("between_models", .array(result.betweenModels.map { pair in
                .object([("task", .string(pair.task)), ("a", .string(pair.first)), ("b", .string(pair.second))] + agreementMembers(pair.agreement))
            })),
        ]))
    }

    // MARK: Text

    private static func tupleCells(_ tuple: ProvenanceTuple) -> [String] {
        [tuple.task, tuple.producerDescription, tuple.prompt?.shortForm ?? "-", tuple.hashStatus?.rawValue ?? "-"]
    }

    private static func agreementCells(_ agreement: Agreement) -> [String] {
        [
            String(agreement.n), agreement.share.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
            agreement.kappa.map(fourDecimals) ?? "-",
        ]
    }

    /// `labels: positive 41.0%, negative 35.0%, … (12 distinct)`, or why there is no distribution.
    private static func labelsNote(_ audit: TupleAudit) -> String {
        guard let shares = audit.topLabels, let distinct = audit.distinctLabels else {
            return "labels: not categorical (exact-match agreement only)"
        }
        let listed = shares.map { "\($0.label) \(String(format: "%.1f%%", $0.share * 100))" }.joined(separator: ", ")
        return "labels: " + listed + (distinct > shares.count ? ", … (\(distinct) distinct)" : "")
    }

    /// A table whose lines fit ``width``: the widest of the `clippable` columns loses a
    /// character at a time (clipped cells end in `…`) until it fits. Each row's note, if
    /// any, follows it on a line of its own, indented and clipped too.
    private static func table(_ header: [String], _ rows: [Row], rightAligned: Set<Int>, clippable: [Int], none: String) -> String {
        guard !rows.isEmpty else { return "(\(none))\n" }
        var widths = header.indices.map { column in rows.reduce(header[column].count) { max($0, $1.cells[column].count) } }
        var total = widths.reduce(2 * (widths.count - 1), +)
        while total > width {
            let shrinkable = clippable.filter { widths[$0] > max(narrowestClip, header[$0].count) }
            guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            total -= 1
        }
        var table = TextTable(header: header, rightAligned: rightAligned)
        for row in rows {
            table.append(row.cells.indices.map { clip(row.cells[$0], to: widths[$0]) })
        }
        let lines = table.render().split(separator: "\n")
        var text = lines.first.map { $0 + "\n" } ?? ""
        for (line, row) in zip(lines.dropFirst(), rows) {
            text += line + "\n"
            if let note = row.note { text += clip("  " + note, to: width) + "\n" }
        }
        return text
    }

    /// `text`, cut to `width` characters with a final `…` when it is longer.
    private static func clip(_ text: String, to width: Int) -> String {
        text.count <= width ? text : text.prefix(width - 1) + "…"
    }

    // MARK: JSON

    /// The tuple's members (as `curate stats --json` shows them) followed by `members`.
    private static func tupleValue(_ tuple: ProvenanceTuple, _ members: [(key: String, value: JSONValue)]) -> JSONValue {
        guard case .object(let fields) = tuple.jsonValue else { return tuple.jsonValue }
        return .object(fields + members)
    }

    private static func agreementMembers(_ agreement: Agreement) -> [(key: String, value: JSONValue)] {
        [
            ("n", integer(agreement.n)), ("agreed", integer(agreement.agreed)),
            ("agreement", agreement.share.map(decimal) ?? .null), ("kappa", agreement.kappa.map(decimal) ?? .null),
        ]
    }

    private static func integer(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// A share or kappa as a JSON number with four decimals, the same bytes on every machine.
    private static func decimal(_ value: Double) -> JSONValue {
        .number(fourDecimals(value))
    }

    /// `value` with four decimals; a value that rounds to zero is `0.0000`, never `-0.0000`.
    private static func fourDecimals(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }
}
