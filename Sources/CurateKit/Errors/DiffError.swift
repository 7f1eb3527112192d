import Foundation

/// Why `curate diff` could not compare two datasets.
///
/// Every case is something the user can fix (a path, a revision, a file), so the
/// command line reports each as a usage error (exit 2).
public enum DiffError: LocalizedError, Sendable, Equatable {
    /// There is no dataset folder or manifest at the path.
    case missingFile(path: String)
    /// The file exists but is not a curate manifest.
    case notAManifest(path: String, reason: String)
    /// A curate manifest of a format version this curate does not read.
    case unknownFormatVersion(path: String, found: String)
    /// A dataset whose files do not match its manifest (what `curate verify` reports), so
    /// comparing it would compare something other than what its manifest describes.
    case datasetDoesNotVerify(dataset: String, problems: [String])
    /// A data file row that a curate export would not have written.
    case malformedDataFile(path: String, row: Int, reason: String)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// `REV` of `REV:PATH` is not a commit of the repository.
    case gitRevisionNotFound(revision: String)
    /// The revision exists but holds nothing at the path.
    case missingInRevision(revision: String, path: String)
    /// An absolute `PATH` of `REV:PATH` outside the repository.
    case outsideRepository(path: String, repository: String)
    /// `REV:PATH` was given outside a git work tree.
    case notAGitRepository(path: String)
    /// `git` is not installed (or not on `PATH`).
    case gitMissing
    /// `git` ran but failed for another reason.
    case gitFailed(command: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .missingFile(let path):
            "no dataset at \(path); name a dataset folder (datasets/NAME), its manifest.json, or REV:PATH for one in git"
        case .notAManifest(let path, let reason):
            "\(path) is not a curate manifest: \(reason)"
        case .unknownFormatVersion(let path, let found):
            "\(path) has format \"\(found)\", but this curate reads \"\(Manifest.formatIdentifier)\"; use the curate that wrote it"
        case .datasetDoesNotVerify(let dataset, let problems):
            "\(dataset) does not match its manifest (\(problems.prefix(3).joined(separator: "; "))"
                + (problems.count > 3 ? "; and \(problems.count - 3) more" : "")
                + "); diff compares only datasets whose files match their manifests: see 'curate verify', and export it again"
        case .malformedDataFile(let path, let row, let reason):
            "\(path): row \(row): \(reason); check the dataset with 'curate verify' or export it again"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .gitRevisionNotFound(let revision):
            "\"\(revision)\" is not a git revision of this repository; check it with 'git rev-parse \(revision)' "
                + "(or, if you meant a file, no such file exists)"
        case .missingInRevision(let revision, let path):
            "revision \(revision) has no \(path); list what it has with 'git ls-tree --name-only \(revision) -- DIR'"
        case .outsideRepository(let path, let repository):
            "\(path) is outside the git repository \(repository); write REV:PATH with a path inside it"
        case .notAGitRepository(let path):
            "\(path) is not inside a git work tree, so REV:PATH cannot be read; run curate diff inside the repository"
        case .gitMissing:
            "git is not installed or not on PATH; REV:PATH is read with git, so install it (or set CURATE_GIT to its path)"
        case .gitFailed(let command, let message):
            "\(command) failed: \(message)"
        }
    }
}
