import Foundation

/// Why `curate store copy` copied nothing. A source that cannot be opened, read or written
/// is a ``StoreError`` (SQLite) or a ``PostgresError``.
public enum StoreCopyError: LocalizedError, Sendable, Equatable {
    /// FROM and TO name the same store.
    case sameStore(store: String)
    /// No store at the target: only `curate init` makes one.
    case missingTarget(store: String)
    /// The target holds rows already, in `tables`: a copy goes into an empty store only.
    case targetNotEmpty(store: String, tables: [String])

    public var errorDescription: String? {
        switch self {
        case .sameStore(let store):
            "cannot copy the store \(store) onto itself; name a new, empty store as TO, made with 'curate init --store PATH-OR-URL'"
        case .missingTarget(let store):
            "no store at \(store) to copy into (only 'curate init' makes one); nothing was copied: "
                + "run 'curate init --store \(store)' to make a new, empty store there, then copy again"
        case .targetNotEmpty(let store, let tables):
            "the store \(store) is not empty (it holds rows in \(tables.joined(separator: ", "))), and a copy goes into an empty "
                + "store only; nothing was copied: give a new store, made with 'curate init --store PATH-OR-URL'"
        }
    }
}
