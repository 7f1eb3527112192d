import ArgumentParser
import CurateKit
import Foundation

/// `curate ingest FILE…`: add label records to the store.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add JSON Lines label records to the store.",
        discussion: """
            Each line is one label record (task, input_id, output, created_at, and model + prompt \
            for LLM labels or annotator for human ones). Ingest is idempotent: a record already \
            stored is counted as a duplicate and changes nothing. All files of one invocation go in \
            one transaction: by default a single bad line refuses the whole invocation and leaves \
            the store as it was; with --skip-invalid the good lines are stored and the bad ones \
            are written, verbatim, to a reject file (the first 10 are also listed on standard error). \
            A line longer than --max-line-bytes (16 MiB by default) is a bad line that is skipped \
            without being read into memory; under --skip-invalid it is counted and named by file \
            and line, but not copied to the reject file.

            A workspace with label schemas (prompts/TASK/schema.json) declares its tasks: a \
            record of another task, or whose output its task's schema does not allow, is a bad \
            line (file:line: field "output": …). --allow-new-task accepts records of tasks \
            without a schema.

            Exit codes: 0 stored; 2 bad input (nothing stored) or usage error; 3 store failure.

            Examples:
              curate ingest labels.jsonl
              curate ingest day1.jsonl day2.jsonl
              my-labeler | curate ingest -
              curate ingest --skip-invalid --reject bad.jsonl labels.jsonl
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines files to ingest; '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Flag(help: "Store the valid lines and write invalid ones to a reject file instead of refusing all.")
    var skipInvalid = false

    @Option(help: ArgumentHelp(
        "Where --skip-invalid writes rejected lines (default: .curate/rejects/ingest-TIME.jsonl beside the store).",
        valueName: "path"))
    var reject: String?

    @Option(help: ArgumentHelp(
        "The longest line accepted, in bytes (default: 16 MiB); a longer line is a bad line.", valueName: "bytes"))
    var maxLineBytes = LineReader.defaultMaximumLineBytes

    @Flag(help: "Accept records of tasks that have no prompts/TASK/schema.json although other tasks have one.")
    var allowNewTask = false

    @Flag(help: "Print the summary as JSON: lines, new, duplicates, rejected, reject_path, and counts per provenance tuple.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one file to ingest, or '-' for standard input.") }
        if reject != nil, !skipInvalid { throw ValidationError("--reject only applies with --skip-invalid.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be at least 1, not \(maxLineBytes).") }
    }

    func run() throws {
        let (workspace, store) = try storeOptions.openStore()
        let now = try CommandClock.now()
        let policy: Ingester.BadLinePolicy = skipInvalid ? .reject(to: try rejectPath(workspace: workspace, now: now)) : .refuse
        let progress = ProgressLine(enabled: Terminal.standardErrorIsTerminal)
        let resolver = PromptResolver(promptsFolder: workspace.promptsURL, store: store)
        let ingester = Ingester(
            store: store, policy: policy, ingestedAt: now, resolver: resolver, maximumLineBytes: maxLineBytes,
            schemas: try TaskSchemas.load(promptsFolder: workspace.promptsURL), allowNewTasks: allowNewTask)
        let summary = try ingester.run(
            paths: files,
            progress: progress.update,
            warning: { Terminal.writeError("skipped \($0.errorDescription ?? "a bad line")") }
        )
        progress.finish()
        if summary.rejected > Ingester.listedProblems {
            Terminal.writeError("skipped … and \(summary.rejected - Ingester.listedProblems) more bad lines (\(summary.rejected) in all)")
        }
        if json {
            guard case .object(var members) = summary.jsonValue else { return }
            members.append(("sources", .array(files.map(JSONValue.string))))
            Terminal.writeJSON(JSONWriter.pretty(.object(members)))
        } else {
            Terminal.write(IngestReport(summary: summary, sources: files).render())
        }
    }

    private func rejectPath(workspace: Workspace, now: Timestamp) throws -> String {
        if let reject { return reject }
        let folder = workspace.localStateURL.appendingPathComponent("rejects")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.cannotCreate(path: folder.path, reason: error.localizedDescription)
        }
        let seconds = Timestamp(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch / 1_000_000_000 * 1_000_000_000)
        let stamp = seconds.rfc3339.filter { $0.isNumber || $0 == "T" || $0 == "Z" }
        return folder.appendingPathComponent("ingest-\(stamp).jsonl").path
    }
}
