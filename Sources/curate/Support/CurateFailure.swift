import CurateKit
import Foundation

/// A CurateKit error as the command line reports it: one message and an exit code.
///
/// Bad input and usage (what the user can fix) exit 2; everything else is an
/// internal or store failure and exits 3.
struct CurateFailure: Error {
    let message: String
    let exitCode: Int32

    static let badInput: Int32 = 2
    static let internalFailure: Int32 = 3

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Wraps any error a command's work threw.
    init(_ error: Error) {
        let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        switch error {
        case let failure as CurateFailure:
            self = failure
        case PromptError.gitFailed, PromptError.unwritable:
            self.init(message: message, exitCode: Self.internalFailure)
        case let error as ExportError:
            self.init(message: message, exitCode: error.isBadInput ? Self.badInput : Self.internalFailure)
        case is IngestError, is WorkspaceError, is PromptError, is DiffError, is StaleError, is OutputPatternError, is ShowError,
             is MetadataError, is RetractionError, is SchemaError, is StoreCopyError:
            self.init(message: message, exitCode: Self.badInput)
        case let error as StoreError:
            self.init(message: message, exitCode: error.isBadInput ? Self.badInput : Self.internalFailure)
        case let error as PostgresError:
            self.init(message: message, exitCode: error.isBadInput ? Self.badInput : Self.internalFailure)
        default:
            self.init(message: message, exitCode: Self.internalFailure)
        }
    }
}

extension CurateFailure {
    /// Wraps an error a command's work threw in `directory`: a prompt selector that matched no
    /// stored prompt but names one of the workspace's prompts (in `prompts/prompts.lock`, or
    /// a template file) says that this prompt has no labels, rather than that it is unknown.
    init(_ error: Error, from directory: URL) {
        guard let export = error as? ExportError, case .unknownPromptSelector = export,
              let root = try? PromptsFolder.locate(from: directory) else {
            self.init(error)
            return
        }
        let prompts = root.appendingPathComponent("prompts")
        let lock = (try? LockFile.read(promptsFolder: prompts)) ?? LockFile()
        let templates = (try? PromptDiscovery.scan(prompts).files) ?? []
        self.init(export.explained(lock: lock, templates: templates))
    }
}
