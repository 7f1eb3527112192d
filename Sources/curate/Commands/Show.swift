import ArgumentParser
import CurateKit

/// `curate show ID`: one stored label with its full provenance.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one stored label with its full provenance.",
        discussion: """
            Prints the label's record id, task, input id, input, output, created_at, its ingest \
            (time, id and inputs), model or annotator, prompt (NAME@VERSION#HASH12, the full \
            SHA-256 and how sure the store is of it), params, run, meta, the label it supersedes \
            and the labels that supersede it, the flags that quarantine it (so export leaves \
            it out), and the retraction that took it out for good, if any. ID is a record id, or a \
            prefix of at least 8 characters that starts exactly one record id.

            Exit codes: 0 shown; 2 no such label (a prefix that starts several ids lists them), \
            or usage error; 3 store failure.

            Examples:
              curate show req-0000000000000001
              curate show 3f2a9c1e
              curate show req-0000000000000001 --json | jq .flags
            """
    )

    @Argument(help: ArgumentHelp("The label's record id, or a prefix of at least 8 characters.", valueName: "id"))
    var id: String

    @Flag(help: "Print JSON (one object, sorted keys) instead of aligned text.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let label = try LabelInspector(store: store).label(id)
        if json {
            Terminal.writeJSON(LabelReport.json(label))
        } else {
            Terminal.write(LabelReport.text(label))
        }
    }
}
