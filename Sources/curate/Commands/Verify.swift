import ArgumentParser
import CurateKit
import Foundation

/// `curate verify DATASET`: check a dataset's files against its manifest.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset's files against its manifest.json.",
        discussion: """
            Recomputes the SHA-256 and the record count of every data file and of the record \
            sidecar (records.ids; records.jsonl in older datasets), the SHA-256 of every metadata \
            file (the dataset card README.md …), and checks the manifest's totals against each other. \
            DATASET is a dataset folder, its manifest.json, or a name under the workspace's datasets/.
            Each difference is printed on standard output, naming the file. Only regular files \
            inside the dataset folder are read: a device, FIFO, socket or folder, or a symbolic \
            link leading out of the folder, is reported as not read.

            Exit codes: 0 the dataset matches its manifest; 1 a file differs or is missing; \
            2 no readable manifest, or a usage error.

            Examples:
              curate verify sentiment-clean
              curate verify datasets/sentiment-clean/manifest.json
              curate verify /data/exports/intent && echo intact
            """
    )

    @Argument(help: ArgumentHelp("A dataset folder, its manifest.json, or a dataset name.", valueName: "dataset"))
    var dataset: String

    @Flag(help: "Print the result as JSON: dataset, intact, files, records, and each problem with its path and kind.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let report = try DatasetVerifier.verify(location())
        if json {
            Terminal.writeJSON(JSONWriter.pretty(report.jsonValue))
            if !report.isIntact { throw ExitCode(1) }
            return
        }
        let name = TerminalText.escaped(report.manifest.name)
        if report.isIntact {
            let files = report.manifest.files.count
            let checked = ["\(files) data file\(files == 1 ? "" : "s")"] + report.manifest.metadataFiles.map { TerminalText.escaped($0.path) }
            Terminal.write("ok: \(name): \(checked.joined(separator: ", ")) and \(report.manifest.records.count) records match \(Manifest.fileName)\n")
            return
        }
        for problem in report.problems { Terminal.write("\(problem)\n") }
        Terminal.writeError("dataset \(name) does not match its manifest: \(report.problems.count) difference\(report.problems.count == 1 ? "" : "s")")
        throw ExitCode(1)
    }

    /// The dataset path as given when it exists, else `datasets/NAME` of the workspace.
    private func location() throws -> URL {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let given = URL(fileURLWithPath: dataset, relativeTo: here).standardizedFileURL
        if FileManager.default.fileExists(atPath: given.path) { return given }
        if let named = storeOptions.existingDataset(named: dataset) { return named }
        throw ExportError.datasetMissing(path: given.path)
    }
}
