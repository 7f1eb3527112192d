import Foundation

/// Why a workspace or its store could not be found or made.
public enum WorkspaceError: LocalizedError, Sendable, Equatable {
    /// No `.curate/store.sqlite` in the folder or any folder above it.
    case notFound(searchedFrom: String)
    /// A folder or file of the workspace could not be made.
    case cannotCreate(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notFound(let directory):
            "not inside a curate workspace (no .curate/store.sqlite in \(directory) or above); run 'curate init' there, or name a store with --store PATH"
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason)"
        }
    }
}
