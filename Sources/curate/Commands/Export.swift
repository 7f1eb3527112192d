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

            Beside the data files and manifest.json, croissant.json describes the dataset in \
            Croissant 1.1 (license, creator, version, citation and description from the [dataset] \
            table of curate.toml at the workspace root, each overridden by its flag); --prov adds \
            provenance.json, the provenance tuples as W3C PROV-JSON.

            The dataset is written to a hidden folder and renamed into place, so it appears whole \
            or not at all; an existing dataset is replaced only with --force. The same store and \
            arguments give byte-identical files; manifest.json differs only in created_at (set \
            SOURCE_DATE_EPOCH to fix that too). The manifest records the command (every default \
            spelled out) and the store's state: its label count, a digest of the label ids and its \
            last ingest.

            --from-manifest PATH exports again what a manifest describes, from the labels the store \
            held then (labels of later ingests are left out), and puts it in place only when every \
            data file and the record list come out byte-identical; otherwise it prints how they \
            differ, writes nothing and exits 1. Rebuilding a dataset into its own folder needs no \
            --force.

            Exit codes: 0 exported (or dry run done); 1 --from-manifest could not rebuild the \
            dataset byte-identically; 2 usage error, unknown or ambiguous selector, existing \
            dataset without --force, or nothing to export; 3 store or write failure.

            Examples:
              curate export sentiment-clean --task sentiment --exclude-prompt v1 \\
                  --split train=0.8,validation=0.1,test=0.1
              curate export intent --task intent --include-model 'claude-*' \\
                  --resolve majority --format csv
              curate export sentiment-v3 --include-prompt sentiment@v3#6dbc621 --dry-run
              curate export nightly --since 2026-10-01 \\
                  --exclude-run run-20261003-intent --force
              curate export --from-manifest datasets/clean/manifest.json
            """
    )

    @Argument(help: ArgumentHelp(
        "The dataset's name: its folder under datasets/ (letters, digits, '.', '_', '-'); with --from-manifest, the manifest's by default.",
        valueName: "name"))
    var name: String?

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @OptionGroup(title: "Resolution") var resolution: ResolutionOptions

    @Option(help: ArgumentHelp("Split inputs by fractions that add up to 1, e.g. train=0.8,validation=0.1,test=0.1.", valueName: "spec"))
    var split: String?

    // Unconditional, so `--seed -1` is read as a (refused) value, not as a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("The seed of the split assignment (a whole number; default: 0).", valueName: "n"))
    var seed: UInt64?

    @Option(name: .customLong("split-key"), help: ArgumentHelp(
        "What an input's split follows: input_id (the default), or input (its payload, so identical inputs under different ids share a split).",
        valueName: "key"))
    var splitKey: SplitSpec.SplitKey?

    @Option(help: ArgumentHelp("Data file format: jsonl (the default), csv or parquet.", valueName: "format"))
    var format: ExportFormat?

    @Option(name: .customLong("from-manifest"), help: ArgumentHelp(
        "Rebuild the dataset a manifest.json describes, byte for byte, from the labels the store held then.",
        valueName: "path"))
    var fromManifest: String?

    @OptionGroup(title: "Dataset metadata (over curate.toml's [dataset])") var metadata: MetadataOptions

    @Flag(help: "Also write provenance.json: the provenance tuples as W3C PROV-JSON.")
    var prov = false

    @Flag(help: "Print the records per provenance tuple and split that would be exported; write nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON: the dataset, whether it was written, records per split and tuple, flags, labels.")
    var json = false

    @Flag(help: "Replace the dataset if it already exists.")
    var force = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if fromManifest != nil {
            guard try selection.selection() == Selection(), resolution.resolve == .latest, resolution.humanPriority,
                  split == nil, seed == nil, splitKey == nil, format == nil, !dryRun, !prov, metadata.overrides == DatasetMetadata()
            else {
                throw ValidationError(
                    "--from-manifest takes the rules, splits, format and metadata from the manifest; give only the name, --force, --json and --store with it.")
            }
        } else if name == nil {
            throw ValidationError("Missing expected argument '<name>' (the dataset's name), or give --from-manifest PATH.")
        }
        do {
            if let name { _ = try DatasetFolder(datasets: URL(fileURLWithPath: "/"), name: name) }
            _ = try splitSpec()
        } catch {
            throw ValidationError(error.errorDescription ?? "\(error)")
        }
    }

    func run() throws {
        let (workspace, store) = try storeOptions.openStore()
        if let fromManifest {
            return try rebuild(from: fromManifest, workspace: workspace, store: store)
        }
        let format = format ?? .jsonl
        let options = ExportOptions(
            selection: try selection.selection(), resolve: resolution.resolve, humanPriority: resolution.humanPriority,
            split: try splitSpec(), format: format)
        let folder = try DatasetFolder(datasets: workspace.datasetsURL, name: name ?? "")
        let datasetMetadata = try workspace.datasetMetadata().merged(with: metadata.overrides)
        let exporter = Exporter(store: store)
        if dryRun {
            // The table shows no label distribution: only `--json` needs the chosen labels' rows.
            let summary = try exporter.dryRun(options, countingLabels: json)
            let report = ExportReport(summary: summary, folder: folder, format: format, includeFlagged: options.selection.includeFlagged)
            if json { Terminal.writeJSON(report.json(dryRun: true)) } else { Terminal.write(report.renderDryRun()) }
            warnAboutSharedInputs(report.summary)
            return
        }
        let schemas = try TaskSchemas.load(promptsFolder: workspace.promptsURL)
        let (manifest, summary) = try exporter.export(
            options, to: folder, replace: force, createdAt: CommandClock.now(), metadata: datasetMetadata, provenance: prov,
            labelNames: schemas.classLabelsByTask, outputStructs: schemas.outputStructsByTask)
        let report = ExportReport(summary: summary, folder: folder, format: format, includeFlagged: options.selection.includeFlagged)
        if json { Terminal.writeJSON(report.json(dryRun: false)) } else { Terminal.write(report.renderExported(manifest.files)) }
        warnAboutSharedInputs(summary)
    }

    /// `--from-manifest`: exports again what the manifest describes; exit 1 when it comes out different.
    private func rebuild(from path: String, workspace: Workspace, store: Store) throws {
        let manifestURL = URL(fileURLWithPath: path).standardizedFileURL
        let recorded = try Manifest.read(from: manifestURL)
        let recordedFolder = manifestURL.deletingLastPathComponent()
        let folder = try DatasetFolder(datasets: workspace.datasetsURL, name: name ?? recorded.name)
        let schemas = try TaskSchemas.load(promptsFolder: workspace.promptsURL)
        let outcome = try Exporter(store: store).rebuild(
            from: recorded, recordedFolder: recordedFolder, to: folder,
            labelNames: schemas.classLabelsByTask, outputStructs: schemas.outputStructsByTask,
            replace: force || folder.url.standardizedFileURL.path == recordedFolder.path)
        let report = ExportReport(
            summary: outcome.summary, folder: folder, format: recorded.options.format,
            includeFlagged: recorded.options.selection.includeFlagged)
        if json {
            Terminal.writeJSON(report.json(rebuild: outcome))
        } else if let difference = outcome.difference {
            Terminal.write(report.renderNotRebuilt(outcome) + "\n" + DiffTextRenderer.render(difference, width: Terminal.columns))
        } else {
            Terminal.write(report.renderRebuilt(outcome))
        }
        if !outcome.isIdentical { throw ExitCode(1) }
    }

    private func splitSpec() throws(ExportError) -> SplitSpec {
        let seed = seed ?? 0
        var spec = try split.map { text throws(ExportError) in try SplitSpec(parsing: text, seed: seed) } ?? .unsplit(seed: seed)
        spec.key = splitKey ?? .inputID
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
