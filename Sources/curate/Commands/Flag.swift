import ArgumentParser
import CurateKit

/// `curate flag KIND SELECTOR --reason TEXT`: quarantine labels.
struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Quarantine the labels of a prompt, model, run, record or output pattern, with a reason.",
        discussion: """
            Flagged labels are left out of every export unless it passes --include-flagged; each \
            manifest lists the flags that matched its selection. Flags are kept in the store with \
            their reason and time; see them with 'curate flags', lift one with 'curate unflag'.

            SELECTOR, by kind:
              prompt  a version label (v2), NAME, NAME@VERSION, a hash prefix of 7+ hex digits or \
            NAME@VERSION#HASH. A version label covers every text ever stored under it, now and later.
              model   a model id or a glob ('gpt-4o-*').
              run     a run id.
              record  a record id (the "id" of an exported row).
              output  a regular expression over labels' outputs (a string output is searched \
            as its text, any other as JSON): forensics for a phrasing no provenance field tells apart.
            An unknown or ambiguous selector is refused with the candidates. Flagging the same \
            thing again keeps the first reason and time.

            Exit codes: 0 flagged (or already flagged); 2 unknown or ambiguous selector, or usage error.

            Examples:
              curate flag prompt sentiment@v3#791c662 \\
                  --reason "labels sarcasm as positive"
              curate flag model 'gpt-4o-mini-*' --reason "fallback model, noisier"
              curate flag run run-20260704-sentiment \\
                  --reason "rate-limited, truncated outputs"
              curate flag record req-00a1b2c3d4e5f607 \\
                  --reason "wrong label, checked by hand"
            """
    )

    @Argument(help: ArgumentHelp("What to flag: prompt, model, run or record.", valueName: "kind"))
    var kind: FlagKind

    @Argument(help: ArgumentHelp("Which one (see the discussion for each kind's form).", valueName: "selector"))
    var selector: String

    @Option(help: ArgumentHelp("Why it is flagged; shown by 'curate flags' and in manifests.", valueName: "text"))
    var reason: String

    @Flag(help: "Print JSON: {flag:{kind, target, reason, created_at}, new}, the flag as stored.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why; it is kept with the flag.")
        }
    }

    func run() throws {
        let store = try storeOptions.openStore().store
        let (flag, isNew) = try Quarantine(store: store).flag(kind: kind, selector: selector, reason: reason, at: CommandClock.now())
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.object([("flag", flag.jsonValue), ("new", .bool(isNew))])))
        } else if isNew {
            Terminal.write("flagged \(flag.kind.rawValue) \(flag.target): \(flag.reason)\n")
        } else {
            Terminal.write("already flagged since \(flag.createdAt.rfc3339): \(flag.kind.rawValue) \(flag.target): \(flag.reason)\n")
        }
    }
}
