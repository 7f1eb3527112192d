import ArgumentParser
import CurateKit

/// `curate unflag KIND SELECTOR`: lift a quarantine.
struct Unflag: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lift a flag, so its labels are exported again.",
        discussion: """
            SELECTOR is the target 'curate flags' shows, or any selector that resolves to it \
            (as for 'curate flag').

            Exit codes: 0 unflagged; 2 not flagged (the flags of that kind are listed), or usage error.

            Examples:
              curate unflag prompt sentiment@v3#791c662
              curate unflag model 'gpt-4o-mini-*'
            """
    )

    @Argument(help: ArgumentHelp("What to unflag: prompt, model, run or record.", valueName: "kind"))
    var kind: FlagKind

    @Argument(help: ArgumentHelp("The flagged target, as 'curate flags' shows it, or a selector for it.", valueName: "selector"))
    var selector: String

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let flag = try Quarantine(store: store).unflag(kind: kind, selector: selector)
        Terminal.write("unflagged \(flag.kind.rawValue) \(flag.target) (flagged \(flag.createdAt.rfc3339): \(flag.reason))\n")
    }
}
