import ArgumentParser
import CurateKit
import Foundation

/// The `curate` command: configuration and subcommands only.
@main
struct Curate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Curate LLM-generated training data with full provenance.",
        discussion: """
            Keeps every label with its model, prompt (by content hash), params, time, run and \
            origin, so a noisy prompt or model can be left out of a training set later.

            Start with 'curate init' in a folder, then 'curate ingest labels.jsonl' and 'curate stats'.

            Exit codes: 0 success; 1 a check found a difference; 2 usage error or bad input; \
            3 internal or store failure.
            """,
        version: CurateVersion.current,
        subcommands: [
            Init.self, Ingest.self, Stats.self, Prompts.self, Backfill.self, Export.self, Stale.self, Audit.self, Verify.self, Diff.self,
            FlagCommand.self, Unflag.self, Flags.self, Retract.self, Retractions.self, Check.self, Show.self, StoreCommand.self,
        ]
    )

    /// Every error begins `curate: `, argument-parser's usage errors too.
    static var _errorPrefix: String { "curate: " }

    /// Parses and runs a command; every failure becomes one stderr sentence and a stable exit code.
    static func main() {
        InterruptCleanup.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `help` shows the root's help for a name it does not know; say it is unknown instead.
        if arguments.first == "help", let unknown = UnknownCommand.find(in: Array(arguments.dropFirst()), root: self) {
            exit(withUnknownCommand: unknown)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .validationFailure, let unknown = UnknownCommand.find(in: arguments, root: self) {
                exit(withUnknownCommand: unknown)
            }
            exit(withArgumentError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            exit(withArgumentError: error)
        } catch where exitCode(for: error) == .success || error is ExitCode || error is CleanExit {
            // Help, version and deliberate exits: argument-parser prints and exits as usual.
            exit(withError: error)
        } catch {
            let failure = CurateFailure(error, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            Terminal.writeError(failure.message)
            Foundation.exit(failure.exitCode)
        }
    }

    /// Argument-parser reports usage errors as 64 (EX_USAGE); curate, like grep and diff, uses 2.
    /// Its message starts in lower case, like every other `curate: ` sentence, and the usage follows.
    private static func exit(withArgumentError error: Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        var text = fullMessage(for: error)
        let message = message(for: error)
        if text.hasPrefix(_errorPrefix + message), let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
            let start = text.index(text.startIndex, offsetBy: _errorPrefix.count)
            text.replaceSubrange(start...start, with: first.lowercased())
        }
        Terminal.writeDiagnostic(text + "\n")
        Foundation.exit(CurateFailure.badInput)
    }

    /// `curate: unknown command …` with the usage of the command it was given to; exit 2.
    private static func exit(withUnknownCommand unknown: UnknownCommand) -> Never {
        Terminal.writeError("\(unknown.message)\n\(unknown.usage(root: self))")
        Foundation.exit(CurateFailure.badInput)
    }
}
