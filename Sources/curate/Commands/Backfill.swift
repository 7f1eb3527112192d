import ArgumentParser
import CurateKit
import Foundation

/// `curate backfill --from-git`: place labels of unknown or ambiguous prompt hash by git history.
struct Backfill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Give labels of unknown or ambiguous prompt hash the text in effect when they were made.",
        discussion: """
            For each label whose prompt hash is unknown or ambiguous, reads the git history of \
            prompts/NAME/VERSION.* (following renames), hashes every committed text, and assigns \
            the label the text in effect at its created_at (hash status inferred-git). A text is \
            in effect from its commit's commit time (not author time) until the next commit that \
            changed it. Prints each era: hash, from–to, labels assigned. Labels older than the \
            file's first commit are left as they were and reported. Running it again changes \
            nothing. Needs git (the only curate command that does).

            Exit codes: 0 done (or nothing to do); 2 git missing, not a git repository, or usage \
            error; 3 git or store failure.

            Examples:
              curate backfill --from-git --dry-run
              curate backfill --from-git
            """
    )

    @Flag(name: .customLong("from-git"), help: "Read prompt texts from the git history of prompts/ (required).")
    var fromGit = false

    @Flag(help: "Show what would change without changing the store.")
    var dryRun = false

    @Flag(help: "Print the result as JSON: assigned and left counts, and per version each era with its labels.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard fromGit else { throw ValidationError("Name where prompt texts come from: --from-git (the only source so far).") }
    }

    func run() throws {
        let (workspace, store) = try storeOptions.openStore()
        let git = try GitHistory(directory: workspace.promptsURL.deletingLastPathComponent())
        let unplaced = try store.unplacedLabels()
        guard !unplaced.isEmpty else {
            if json {
                Terminal.writeJSON(JSONWriter.pretty(.object([
                    ("dry_run", .bool(dryRun)), ("assigned", .number("0")), ("left", .number("0")), ("versions", .array([])),
                ])))
            } else {
                Terminal.write("no labels with an unknown or ambiguous prompt hash; nothing to do\n")
            }
            return
        }
        let plan = try BackfillPlan.make(unplaced: unplaced, discovery: try PromptDiscovery.scan(workspace.promptsURL), git: git)
        if git.isShallow {
            Terminal.writeError("warning: this is a shallow clone, so prompt history may start late; 'git fetch --unshallow' reads all of it")
        }
        var report = BackfillReport(plan: plan, dryRun: dryRun)
        if !dryRun { report.moved = try plan.apply(to: store) }
        if json { Terminal.writeJSON(report.json()) } else { Terminal.write(report.render()) }
    }
}
