import ArgumentParser
import CurateKit

/// `curate flags`: list the quarantine.
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List flagged prompts, models, runs and records, with reason and time.",
        discussion: """
            Prompt targets are shown as NAME@VERSION#SHA256, with * for any name or version \
            (*@v2 is every text ever stored as v2).

            Exit codes: 0 listed (also when nothing is flagged); 2 usage error.

            Examples:
              curate flags
              curate flags --json | jq -r '.[] | select(.kind == "model") | .target'
            """
    )

    @Flag(help: "Print JSON (an array of {kind, target, reason, created_at}, sorted keys) instead of a table.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let flags = try Quarantine(store: store).flags()
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(flags.map { flag in
                .object([
                    ("kind", .string(flag.kind.rawValue)), ("target", .string(flag.target)),
                    ("reason", .string(flag.reason)), ("created_at", .string(flag.createdAt.rfc3339)),
                ])
            })))
            return
        }
        guard !flags.isEmpty else {
            Terminal.write("nothing is flagged\n")
            return
        }
        var table = TextTable(header: ["kind", "target", "flagged at", "reason"], flexible: [1: .middle, 3: .end])
        for flag in flags {
            table.append([flag.kind.rawValue, DisplayForm.shortHashes(flag.target), DisplayForm.time(flag.createdAt), flag.reason])
        }
        Terminal.write(table.render(width: Terminal.columns))
    }
}
