import ArgumentParser
import CurateKit
import Foundation

/// `curate prompts check`: every template still matches its locked hash.
struct PromptsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that every template's text matches its hash in prompts/prompts.lock.",
        discussion: """
            Names each template edited in place (its text no longer matches its version's \
            locked hash) or not locked yet, with the fix. It also reads every label schema \
            (prompts/TASK/schema.json), so one ingest could not read fails here first. Needs no \
            store, so it runs in a pre-commit hook or a CI step on a fresh checkout.

            Exit codes: 0 every template matches the lock; 1 a template was edited in place or \
            is not locked; 2 bad input (malformed lock or label schema) or usage error.

            Examples:
              curate prompts check
              curate prompts check || exit 1     # in .git/hooks/pre-commit
            """
    )

    @Flag(help: "Print JSON: {templates, problems:[{kind, prompt, paths, file_sha256, locked_sha256, suggested_version, message}]}.")
    var json = false

    func run() throws {
        let root = try PromptsFolder.locate(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let folder = root.appendingPathComponent("prompts")
        let discovery = try PromptDiscovery.scan(folder)
        _ = try TaskSchemas.load(promptsFolder: folder)
        let findings = PromptCheck.findings(discovery: discovery, lock: try LockFile.read(promptsFolder: folder))
        let count = discovery.files.count
        if json {
            Terminal.writeJSON(JSONWriter.pretty(.object([
                ("templates", .number(String(count))), ("problems", .array(findings.map(\.jsonValue))),
            ])))
            if !findings.isEmpty { throw ExitCode(1) }
            return
        }
        guard !findings.isEmpty else {
            Terminal.write("prompts check: \(count) template\(count == 1 ? "" : "s") match prompts/\(LockFile.fileName)\n")
            return
        }
        for finding in findings { Terminal.write(finding.description + "\n") }
        Terminal.write("prompts check: \(findings.count) problem\(findings.count == 1 ? "" : "s") in \(count) template\(count == 1 ? "" : "s")\n")
        throw ExitCode(1)
    }
}
