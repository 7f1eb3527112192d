import ArgumentParser
import CurateKit

/// `curate stats`: provenance tuples with counts and time spans.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each provenance tuple with its label count and first/last created_at.",
        discussion: """
            A provenance tuple is what a set of labels shares: task, model (or human annotator), \
            prompt as NAME@VERSION#HASH12, and how sure we are of the prompt hash (recorded, \
            resolved, inferred-git, ambiguous, unknown). labels counts every stored label; once \
            some are retracted, a retracted column says how many of them ('curate retractions').

            Exit codes: 0 shown; 2 a --task with no labels (the known tasks are listed), or usage error.

            Examples:
              curate stats
              curate stats --task sentiment
              curate stats --json | jq '.[] | select(.hash_status == "unknown")'
            """
    )

    @Option(help: ArgumentHelp("Only tuples of this task.", valueName: "task"))
    var task: String?

    @Flag(help: "Print JSON (an array of tuples, sorted keys) instead of a table.")
    var json = false

    @Flag(help: "Show the distinct generation params of each tuple, with their label counts (reads every label).")
    var params = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        if params { return try showParams(store) }
        let stats = try ofTask(try store.tupleStats()) { $0.tuple }
        let flags = try Quarantine(store: store).flags()
        let flagged = stats.map { Quarantine.tupleFlags($0.tuple, among: flags) }
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(zip(stats, flagged).map { row, kinds in
                guard case .object(var members) = row.jsonValue else { return row.jsonValue }
                members.append(("flagged", .array(kinds.map { .string($0.rawValue) })))
                return .object(members)
            })))
            return
        }
        // Times to the second where they fit, else dates, before producers are cut.
        let columns = Terminal.columns
        var table = Self.table(stats, flagged: flagged, times: ("first created_at", "last created_at"), DisplayForm.time)
        if table.naturalWidth > columns { table = Self.table(stats, flagged: flagged, times: ("first day", "last day"), DisplayForm.date) }
        Terminal.write(table.render(width: columns))
        let retracted = stats.reduce(0) { $0 + $1.retracted }
        Terminal.write("\(stats.count) tuple\(stats.count == 1 ? "" : "s"), \(stats.reduce(0) { $0 + $1.labels }) labels"
            + (retracted > 0 ? ", \(retracted) of them retracted (see curate retractions)\n" : "\n"))
        if flagged.contains(where: { !$0.isEmpty }) {
            Terminal.write("* flagged: every label of that model or prompt is left out of exports (see curate flags)\n")
        }
    }

    /// The rows of the task `--task` names, or all of them without it.
    /// - Throws: ``ExportError/unknownTask(task:candidates:)`` when no row is of that task (exit 2, as in export).
    private func ofTask<Row>(_ rows: [Row], _ tuple: (Row) -> ProvenanceTuple) throws -> [Row] {
        guard let task else { return rows }
        let kept = rows.filter { tuple($0).task == task }
        guard kept.isEmpty else { return kept }
        throw ExportError.unknownTask(task: task, candidates: Set(rows.map { tuple($0).task }).sorted())
    }

    /// One row per tuple, its first and last created_at shown by `time` under the headers `times`;
    /// a producer or prompt that a flag holds back whole is marked with a trailing `*`. A column
    /// of retracted labels follows the labels once some tuple has any.
    private static func table(
        _ stats: [TupleStats], flagged: [[FlagKind]], times: (String, String), _ time: (Timestamp) -> String
    ) -> TextTable {
        let retracted = stats.contains { $0.retracted > 0 } ? ["retracted"] : []
        var table = TextTable(
            header: ["task", "producer", "prompt", "hash", "labels"] + retracted + [times.0, times.1],
            rightAligned: Set(4..<(5 + retracted.count)), flexible: [0: .end, 1: .middle])
        for (row, kinds) in zip(stats, flagged) {
            let producer = row.tuple.producerDescription + (kinds.contains(.model) ? "*" : "")
            let prompt = (row.tuple.prompt?.shortForm ?? "-") + (kinds.contains(.prompt) ? "*" : "")
            table.append(
                [row.tuple.task, producer, prompt, row.tuple.hashStatus?.rawValue ?? "-", String(row.labels)]
                    + (retracted.isEmpty ? [] : [String(row.retracted)]) + [time(row.firstCreatedAt), time(row.lastCreatedAt)])
        }
        return table
    }

    /// `--params`: one row (or JSON object) per tuple and param set.
    private func showParams(_ store: Store) throws {
        let sets = try ofTask(try store.paramSets()) { $0.tuple }
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(sets.map { tuple, params in
                guard case .object(var members) = tuple.jsonValue else { return tuple.jsonValue }
                members.append(("params", .array(params.map { set in
                    .object([
                        ("params", set.params.flatMap { try? JSONParser.parse($0) } ?? .null),
                        ("labels", .number(String(set.labels))),
                    ])
                })))
                return .object(members)
            })))
            return
        }
        var table = TextTable(header: ["task", "producer", "prompt", "hash", "params", "labels"], rightAligned: [5])
        for (tuple, params) in sets {
            for set in params {
                table.append([
                    tuple.task, tuple.producerDescription, tuple.prompt?.shortForm ?? "-", tuple.hashStatus?.rawValue ?? "-",
                    set.params ?? "-", String(set.labels),
                ])
            }
        }
        Terminal.write(table.render())
    }
}
