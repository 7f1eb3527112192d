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
            FlagCommand.self, Unflag.self, Flags.self, Check.self,
        ]
    )

    /// Parses and runs a command; every failure becomes one stderr sentence and a stable exit code.
    static func main() {
        InterruptCleanup.install()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
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
            let failure = CurateFailure(error)
            Terminal.writeError(failure.message)
            Foundation.exit(failure.exitCode)
        }
    }

    /// Argument-parser reports usage errors as 64 (EX_USAGE); curate, like grep and diff, uses 2.
    private static func exit(withArgumentError error: Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        Terminal.writeDiagnostic(fullMessage(for: error) + "\n")
        Foundation.exit(CurateFailure.badInput)
    }
}
