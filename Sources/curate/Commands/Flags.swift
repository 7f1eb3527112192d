import ArgumentParser
import CurateKit

/// `curate flags`: list the quarantine.
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List flagged prompts, models, runs and records, with reason and time.",
        discussion: """
            Prompt targets are shown as NAME@VERSION#SHA256, with * for any name or version \
            (*@v2 is every text ever stored as v2). labels is how many stored labels the flag \
            holds back (a label two flags match counts for both).

            Exit codes: 0 listed (also when nothing is flagged); 2 usage error.

            Examples:
              curate flags
              curate flags --json | jq -r '.[] | select(.kind == "model") | .target'
            """
    )

    @Flag(help: "Print JSON (an array of {kind, target, reason, created_at, labels}, sorted keys) instead of a table.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let quarantine = Quarantine(store: store)
        let flags = try quarantine.flags()
        let held = try quarantine.heldBack(by: flags)
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.array(zip(flags, held).map { flag, labels in
                guard case .object(var members) = flag.jsonValue else { return flag.jsonValue }
                members.append(("labels", .number(String(labels))))
                return .object(members)
            })))
            return
        }
        guard !flags.isEmpty else {
            Terminal.write("nothing is flagged\n")
            return
        }
        var table = TextTable(header: ["kind", "target", "labels", "flagged at", "reason"], rightAligned: [2], flexible: [1: .middle, 4: .end])
        for (flag, labels) in zip(flags, held) {
            table.append([flag.kind.rawValue, DisplayForm.shortHashes(flag.target), String(labels), DisplayForm.time(flag.createdAt), flag.reason])
        }
        Terminal.write(table.render(width: Terminal.columns))
    }
}
