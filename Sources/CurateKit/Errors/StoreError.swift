import Foundation

/// Why the store could not be opened, read or written.
public enum StoreError: LocalizedError, Sendable, Equatable {
    /// SQLite refused to open the file.
    case cannotOpen(path: String, reason: String)
    /// A statement failed; `code` is SQLite's extended result code.
    case sqlite(code: Int32, message: String)
    /// The store was written by a newer `curate` whose schema this one does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Another process held the store's write lock for longer than the busy timeout.
    case busy(path: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the store \(path): \(reason)"
        case .sqlite(let code, let message):
            "store error (SQLite \(code)): \(message)"
        case .newerSchema(let path, let found, let supported):
            "the store \(path) has schema version \(found), newer than this curate knows (\(supported)); upgrade curate"
        case .busy(let path):
            "the store \(path) stayed locked by another curate process; try again when it has finished"
        }
    }
}
