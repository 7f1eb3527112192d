import ArgumentParser
import CurateKit
import Foundation

/// `curate diff A B`: what changed between two datasets.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two datasets: rules, provenance tuples, records and label distribution.",
        discussion: """
            A and B are each a dataset folder, its manifest.json, a dataset name under the \
            workspace's datasets/, or REV:PATH to read the dataset as it was in a git revision \
            (PATH relative to the current folder, e.g. HEAD~1:datasets/clean). Shows the selection \
            fields that differ (rules, resolve policy, split, format, what selectors resolved to), \
            provenance tuples added, removed or changed in count, data files that changed, the \
            records compared input by input (added, removed, relabeled with another output, \
            replaced by another record with the same output) with a few examples, and the label \
            distribution of each task that moved. created_at, tool and the dataset name are shown \
            but never make two datasets differ.

            Each side is first checked against its manifest, as 'curate verify' does; a side \
            whose files do not match it is refused.

            Exit codes: 0 the datasets are the same; 1 they differ; 2 a dataset, manifest, data \
            file or git revision cannot be read, a dataset does not match its manifest, or a \
            usage error.

            Examples:
              curate diff datasets/clean HEAD~1:datasets/clean
              curate diff sentiment-v2 sentiment-v3 --examples 10
              curate diff main:datasets/clean/manifest.json datasets/clean --json
            """
    )

    @Argument(help: ArgumentHelp("The dataset before: a folder, its manifest.json, a dataset name, or REV:PATH.", valueName: "a"))
    var before: String

    @Argument(help: ArgumentHelp("The dataset after, in the same forms.", valueName: "b"))
    var after: String

    @Flag(help: "Print the difference as JSON (sorted keys) instead of text.")
    var json = false

    @Option(help: ArgumentHelp("How many example inputs to show for each kind of record change (0 for none).", valueName: "n"))
    var examples = 5

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard examples >= 0 else { throw ValidationError("--examples must be 0 or more, not \(examples)") }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let diff = try ManifestDiff.compare(try load(before, here: here), try load(after, here: here), examples: examples)
        if json { Terminal.writeJSON(DiffJSONRenderer.render(diff)) } else { Terminal.write(DiffTextRenderer.render(diff, width: Terminal.columns)) }
        if !diff.isSame { throw ExitCode(1) }
    }

    /// `argument` as given, or `datasets/NAME` of the workspace when it is a bare name that
    /// is neither a path here nor `REV:PATH`.
    private func load(_ argument: String, here: URL) throws -> DatasetSource {
        let given = URL(fileURLWithPath: argument, relativeTo: here).standardizedFileURL
        if !FileManager.default.fileExists(atPath: given.path), !argument.contains(":"),
           let named = storeOptions.existingDataset(named: argument) {
            return try DatasetSource.load(named.path, label: argument, relativeTo: here)
        }
        return try DatasetSource.load(argument, relativeTo: here)
    }
}
