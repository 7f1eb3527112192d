import ArgumentParser
import CurateKit

/// `curate retractions`: list the retraction journal.
struct Retractions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List retracted records, runs and ingests, with reason, time and label count.",
        discussion: """
            One line per retraction, oldest first: its number, what it named, how many labels it \
            took out (those its selector named that no earlier retraction had), when and why. \
            Retractions are for good: the journal only grows.

            Exit codes: 0 listed (also when nothing is retracted); 2 usage error.

            Examples:
              curate retractions
              curate retractions --json | jq -r '.[] | select(.kind == "run") | .target'
            """
    )

    @Flag(help: "Print JSON (an array of {id, kind, target, reason, created_at, labels}, sorted keys) instead of a table.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let retractor = Retractor(store: store)
        let retractions = try retractor.retractions()
        let labels = try retractor.retractedLabels()
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(retractions.map { retraction in
                guard case .object(var members) = retraction.jsonValue else { return retraction.jsonValue }
                members.append(("labels", .number(String(labels[retraction.id] ?? 0))))
                return .object(members)
            })))
            return
        }
        guard !retractions.isEmpty else {
            Terminal.write("nothing is retracted\n")
            return
        }
        var table = TextTable(
            header: ["id", "kind", "target", "labels", "retracted at", "reason"], rightAligned: [0, 3], flexible: [2: .middle, 5: .end])
        for retraction in retractions {
            table.append([
                String(retraction.id), retraction.kind.rawValue, retraction.target, String(labels[retraction.id] ?? 0),
                DisplayForm.time(retraction.createdAt), retraction.reason,
            ])
        }
        Terminal.write(table.render(width: Terminal.columns))
    }
}
