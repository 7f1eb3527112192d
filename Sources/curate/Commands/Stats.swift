import ArgumentParser
import CurateKit

/// `curate stats`: provenance tuples with counts and time spans.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each provenance tuple with its label count and first/last created_at.",
        discussion: """
            A provenance tuple is what a set of labels shares: task, model (or human annotator), \
            prompt as NAME@VERSION#HASH12, and how sure we are of the prompt hash (recorded, \
            resolved, inferred-git, ambiguous, unknown).

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

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore(mustExist: true)
        let stats = try store.tupleStats().filter { task == nil || $0.tuple.task == task }
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(stats.map(\.jsonValue))))
            return
        }
        var table = TextTable(header: ["task", "producer", "prompt", "hash", "labels", "first created_at", "last created_at"], rightAligned: [4])
        for row in stats {
            table.append([
                row.tuple.task, row.tuple.producerDescription, row.tuple.prompt?.shortForm ?? "-",
                row.tuple.hashStatus?.rawValue ?? "-", String(row.labels),
                row.firstCreatedAt.rfc3339, row.lastCreatedAt.rfc3339,
            ])
        }
        Terminal.write(table.render())
        Terminal.write("\(stats.count) tuple\(stats.count == 1 ? "" : "s"), \(stats.reduce(0) { $0 + $1.labels }) labels\n")
    }
}
