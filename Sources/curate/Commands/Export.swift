import ArgumentParser
import CurateKit
import Foundation

/// `curate export NAME`: write a training set with its manifest to `datasets/NAME/`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a clean training set with its manifest to datasets/NAME/.",
        discussion: """
            Selection: every rule applies only when given. Includes of one kind are a union \
            (--include-model a --include-model b keeps both); different kinds must all hold; an \
            exclude always wins. Prompt and model rules apply to LLM labels; human labels are kept \
            unless --origin llm. Every selector is checked before anything is read: an unknown or \
            ambiguous one (a word that is both a prompt name and a version label, a hash prefix of \
            several texts) stops the export and lists the candidates; write NAME@*, *@VERSION or a \
            longer hash to disambiguate. Flagged labels (see 'curate flags') are left out unless \
            --include-flagged.

            One label per input (task, input_id): an input's human labels, when it has any, are \
            its only candidates (--no-human-priority lets LLM labels compete). Then --resolve \
            latest takes the newest created_at (a tie goes to the greater record id); majority \
            takes the most frequent output (a tie goes to the output whose newest label is newest) \
            and exports that newest label; all exports every candidate.

            Splits: an input's split is a pure function of its input_id and --seed (SHA-256 of \
            "SEED:INPUT_ID"), so it never moves when records are added or excluded. Without \
            --split, one split named train. Split names are letters, digits and '_' (what Hugging \
            Face datasets loads). Rows are ordered by task, input_id, created_at, id.

            Layout: data/SPLIT-00000-of-00001.FORMAT, one file per split and task (shard \
            00001-of-00002 is the second task's part of the split); README.md, the dataset card \
            whose configs make datasets.load_dataset("datasets/NAME") load every split and \
            load_dataset("datasets/NAME", "TASK") one task; records.ids, the record ids; and \
            manifest.json with the SHA-256 of every file.

            The dataset is written to a hidden folder and renamed into place, so it appears whole \
            or not at all; an existing dataset is replaced only with --force. The same store and \
            arguments give byte-identical files; manifest.json differs only in created_at (set \
            SOURCE_DATE_EPOCH to fix that too).

            Exit codes: 0 exported (or dry run done); 2 usage error, unknown or ambiguous \
            selector, existing dataset without --force, or nothing to export; 3 store or write failure.

            Examples:
              curate export sentiment-clean --task sentiment --exclude-prompt v1 \\
                  --split train=0.8,validation=0.1,test=0.1
              curate export intent --task intent --include-model 'claude-*' \\
                  --resolve majority --format csv
              curate export sentiment-v3 --include-prompt sentiment@v3#6dbc621 --dry-run
              curate export nightly --since 2026-10-01 \\
                  --exclude-run run-20261003-intent --force
            """
    )

    @Argument(help: ArgumentHelp("The dataset's name: its folder under datasets/ (letters, digits, '.', '_', '-').", valueName: "name"))
    var name: String

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup(title: "Resolution") var resolution: ResolutionOptions

    @Option(help: ArgumentHelp("Split inputs by fractions that add up to 1, e.g. train=0.8,validation=0.1,test=0.1.", valueName: "spec"))
    var split: String?

    @Option(help: ArgumentHelp("The seed of the split assignment (a whole number).", valueName: "n"))
    var seed: UInt64 = 0

    @Option(name: .customLong("split-key"), help: ArgumentHelp(
        "What an input's split follows: input_id, or input (its payload, so identical inputs under different ids share a split).",
        valueName: "key"))
    var splitKey: SplitSpec.SplitKey = .inputID

    @Option(help: ArgumentHelp("Data file format: jsonl, csv or parquet.", valueName: "format"))
    var format: ExportFormat = .jsonl

    @Flag(help: "Print the records per provenance tuple and split that would be exported; write nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON: the dataset, whether it was written, records per split and tuple, flags, labels.")
    var json = false

    @Flag(help: "Replace the dataset if it already exists.")
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        do {
            _ = try DatasetFolder(datasets: URL(fileURLWithPath: "/"), name: name)
            _ = try splitSpec()
        } catch {
            throw ValidationError(error.errorDescription ?? "\(error)")
        }
    }

    func run() throws {
        let (workspace, store) = try storeOptions.openStore()
        let options = ExportOptions(
            selection: try selection.selection(), resolve: resolution.resolve, humanPriority: resolution.humanPriority,
            split: try splitSpec(), format: format)
        let folder = try DatasetFolder(datasets: workspace.datasetsURL, name: name)
        let exporter = Exporter(store: store)
        if dryRun {
            let report = ExportReport(summary: try exporter.dryRun(options), folder: folder, format: format, includeFlagged: options.selection.includeFlagged)
            if json { Terminal.writeJSON(report.json(dryRun: true)) } else { Terminal.write(report.renderDryRun()) }
            warnAboutSharedInputs(report.summary)
            return
        }
        let (manifest, summary) = try exporter.export(options, to: folder, replace: force, createdAt: CommandClock.now())
        let report = ExportReport(summary: summary, folder: folder, format: format, includeFlagged: options.selection.includeFlagged)
        if json { Terminal.writeJSON(report.json(dryRun: false)) } else { Terminal.write(report.renderExported(manifest.files)) }
        warnAboutSharedInputs(summary)
    }

    private func splitSpec() throws(ExportError) -> SplitSpec {
        var spec = try split.map { text throws(ExportError) in try SplitSpec(parsing: text, seed: seed) } ?? .unsplit(seed: seed)
        spec.key = splitKey
        return spec
    }

    /// Warns when identical inputs under different ids landed in different splits.
    private func warnAboutSharedInputs(_ summary: ExportSummary) {
        guard summary.inputsInSeveralSplits > 0 else { return }
        Terminal.writeError("""
            warning: \(summary.inputsInSeveralSplits) input\(summary.inputsInSeveralSplits == 1 ? " appears" : "s appear") in more than \
            one split under different input_ids, so held-out scores are inflated; --split-key input keeps identical inputs together
            """)
    }
}
