import Foundation

/// Why a prompt command (`prompts`, `prompts lock`, `prompts check`, `backfill`) could not do its work.
public enum PromptError: LocalizedError, Sendable, Equatable {
    /// No `prompts/` folder in the workspace, or in the folder or any folder above it.
    case noPromptsFolder(searchedFrom: String)
    /// A template or the lock file could not be read.
    case unreadable(path: String, reason: String)
    /// The lock file could not be written.
    case unwritable(path: String, reason: String)
    /// A line of `prompts.lock` is not `NAME@VERSION SHA256`.
    case malformedLock(path: String, line: Int, reason: String)
    /// Two template files claim the same version label (`v3.txt` and `v3.md`).
    case duplicateVersion(PromptVersion, paths: [String])
    /// A `NAME@VERSION` argument that is not of that form.
    case badSelector(String)
    /// A `NAME@VERSION` argument with no template file in `prompts/`.
    case noSuchPromptFile(PromptVersion, folder: String)
    /// `git` is not installed (or not on `PATH`).
    case gitMissing
    /// The workspace is not inside a git work tree.
    case notAGitRepository(path: String)
    /// `git` ran but failed.
    case gitFailed(command: String, status: Int32, message: String)
    /// A commit of a prompt's history is dated outside the times curate supports.
    case commitTimeOutOfRange(commit: String, seconds: Int64)

    public var errorDescription: String? {
        switch self {
        case .noPromptsFolder(let directory):
            "no prompts/ folder in \(directory) or above; run 'curate init' to make a workspace, or run this in one"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        case .malformedLock(let path, let line, let reason):
            "\(path):\(line): \(reason); each line must be NAME@VERSION and a 64-digit SHA-256 "
                + "(fix the line, or restore the file from git and run 'curate prompts lock' again)"
        case .duplicateVersion(let version, let paths):
            "\(version) has \(paths.count) template files (\(paths.joined(separator: ", "))); "
                + "keep one file per version label, or give the others new version names"
        case .badSelector(let text):
            "'\(text)' is not NAME@VERSION (for example sentiment@v3)"
        case .noSuchPromptFile(let version, let folder):
            "no template file for \(version) in \(folder) (expected \(folder)/\(version.name)/\(version.version).EXT); "
                + "'curate prompts' lists the known versions"
        case .gitMissing:
            "git is not installed or not on PATH; 'curate backfill --from-git' reads prompt history with git, "
                + "so install git (or set CURATE_GIT to its path) and run it again"
        case .notAGitRepository(let path):
            "\(path) is not inside a git repository, so there is no prompt history to read; "
                + "run this in the clone that holds the prompts/ history"
        case .gitFailed(let command, let status, let message):
            "\(command) failed (exit \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .commitTimeOutOfRange(let commit, let seconds):
            "commit \(commit) of the prompt history is dated \(seconds) seconds after 1970, outside the times curate "
                + "supports (\(Timestamp.supportedRangeDescription)), so its text cannot be placed in time; "
                + "give the labels their prompt's sha256 instead, or fix the commit's date"
        }
    }
}
