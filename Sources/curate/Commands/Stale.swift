import ArgumentParser
import CurateKit

/// `curate stale`: the inputs whose chosen label came from an outdated prompt text, as
/// JSON Lines ready for an LLM job.
struct Stale: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the inputs whose label is stale, one JSON object a line, ready to regenerate.",
        discussion: """
            Takes the same selection and resolution as 'curate export' and looks at the label \
            each input would be exported with. It is stale when its prompt has an older version \
            label than the newest locked version of that prompt name (older-version), an older \
            text of that version (older-text, an in-place edit), an ambiguous or unknown hash \
            (ambiguous-hash, unknown-hash), when its output matches --output-matches \
            (output-matches), or when every label of the input is quarantined (flagged-prompt, \
            flagged-model, flagged-run, flagged-record, output-matches for an output flag; label is \
            null) or retracted (retracted, label null: a retracted label is as if it were not \
            stored). An input decided by a human label is never stale.

            Each line: {"task","input_id","input","why":[…],"label":{"id","output","model",\
            "prompt","hash_status","created_at"}|null,"regenerate_with":{"name","version",\
            "sha256","text"}}. regenerate_with is the newest locked text of the label's prompt \
            name (--with NAME@VERSION[#HASH] names another, one per prompt name); it is null when \
            no text of that name is locked or has a template file. Give a regenerated record \
            "supersedes": the stale label's id, and ingest it: the input is then no longer stale.

            Exit codes: 0 listed (even none); 2 usage error, unknown selector or prompt text; \
            3 store failure.

            Examples:
              curate stale --task sentiment > stale.jsonl
              curate stale --summary
              curate stale --count --exclude-model 'gpt-4o-mini*'
              curate stale --with sentiment@v3#6dbc621 | python3 regenerate.py | \\
                  curate ingest -
            """
    )

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup(title: "Resolution") var resolution: ResolutionOptions

    @Option(name: .customLong("with"), help: ArgumentHelp(
        "Regenerate labels of this prompt name with NAME@VERSION[#HASH] instead of its newest locked text (repeatable, one per name).",
        valueName: "prompt"))
    var targets: [String] = []

    @Flag(help: "Print only the number of stale inputs.")
    var count = false

    @Flag(help: "Print a table of stale inputs per task and reason instead of the lines.")
    var summary = false

    @Flag(help: "With --summary: print it as JSON.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if count && summary { throw ValidationError("--count and --summary are alternatives; give one.") }
        if json && !summary { throw ValidationError("--json goes with --summary (the lines are JSON already).") }
    }

    func run() throws {
        let (workspace, store) = try storeOptions.openStore()
        // On stale, --output-matches names a reason to regenerate, not a filter of the labels considered.
        var rules = try selection.selection()
        let outputMatches = rules.outputMatches
        rules.outputMatches = []
        let options = StaleFinder.Options(
            selection: rules, resolve: resolution.resolve, humanPriority: resolution.humanPriority, with: targets,
            outputMatches: outputMatches, withInputs: !count && !summary)
        let output = StandardOutput()
        let finder = StaleFinder(store: store, promptsFolder: workspace.promptsURL)
        let found = count || summary ? try finder.summary(options) : try finder.forEach(options) { output.write($0.jsonLine) }
        output.flush()
        if count { Terminal.write("\(found.staleInputs)\n") }
        if summary, json { Terminal.writeJSON(StaleReport.json(found)) }
        if summary, !json { Terminal.write(StaleReport.table(found)) }
    }
}
