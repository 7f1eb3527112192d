import ArgumentParser
import CurateKit
import Foundation

/// `curate prompts lock`: record template texts in prompts/prompts.lock.
struct PromptsLock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Record new prompt versions (or re-lock named ones) in prompts/prompts.lock.",
        discussion: """
            Without arguments, records the hash of every version not locked yet. A version \
            whose file was edited in place is left out and reported: make a new version file \
            for the new text, or re-lock that version on purpose by naming it. A re-locked \
            version keeps its earlier hashes in the lock, the new one last: the lock never \
            forgets a text. The file is sorted and rewritten only when it changes.

            Exit codes: 0 the lock is up to date; 1 a template edited in place was left out; \
            2 bad input (unknown NAME@VERSION, malformed lock) or usage error; 3 cannot write.

            Examples:
              curate prompts lock
              curate prompts lock sentiment@v3
            """
    )

    @Argument(help: ArgumentHelp("Versions to (re-)lock on purpose, as NAME@VERSION; none for every new version.", valueName: "name@version"))
    var versions: [String] = []

    func validate() throws {
        for text in versions where PromptVersion(parsing: text) == nil {
            throw ValidationError(PromptError.badSelector(text).errorDescription ?? text)
        }
    }

    func run() throws {
        let root = try PromptsFolder.locate(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let folder = root.appendingPathComponent("prompts")
        let update = try LockUpdate.plan(
            lock: try LockFile.read(promptsFolder: folder),
            discovery: try PromptDiscovery.scan(folder),
            selected: versions.compactMap(PromptVersion.init(parsing:))
        )
        for file in update.added {
            Terminal.write("locked \(file.ref.shortForm) (\(file.path))\n")
        }
        for (file, previous) in update.relocked {
            let count = update.lock.hashes(of: file.version).count
            Terminal.write("re-locked \(file.ref.shortForm) (\(file.path)); was \(file.version.ref(sha256: previous).shortForm), the lock keeps all \(count) of its texts\n")
        }
        if update.changed {
            try update.lock.write(promptsFolder: folder)
            let texts = update.lock.entries.values.reduce(0) { $0 + $1.count }
            Terminal.write("wrote prompts/\(LockFile.fileName): \(update.lock.entries.count) versions, \(texts) texts\n")
        } else {
            Terminal.write("prompts/\(LockFile.fileName) is up to date (\(update.lock.entries.count) versions)\n")
        }
        guard !update.skipped.isEmpty else { return }
        Terminal.write("\nleft out:\n")
        for finding in update.skipped { Terminal.write(finding.description + "\n") }
        throw ExitCode(1)
    }
}
