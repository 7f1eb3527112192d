import CSQLite
import Foundation

/// Why the store could not be opened, read or written.
///
/// Every message names the store's path and says what to do.
public enum StoreError: LocalizedError, Sendable, Equatable {
    /// No store at `path`: only `curate init` creates one.
    case missing(path: String)
    /// The store file is empty (0 bytes): truncated, or its creation never finished.
    case empty(path: String)
    /// `path` is a SQLite database, but not one curate made (no schema version).
    case notACurateStore(path: String)
    /// A statement failed; `code` is SQLite's extended result code.
    case sqlite(path: String, code: Int32, message: String)
    /// The store was written by a newer `curate` whose schema this one does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Another process held the store's write lock for longer than the busy timeout.
    case busy(path: String)
    /// The store did not do what it must (a row just stored cannot be found): `reason` says what.
    case inconsistent(path: String, reason: String)
    /// A value read back from the store is missing or not one the schema allows: in `table`,
    /// the row `row` (its key, as a person finds it), column `column`; `value` as SQLite shows it.
    case badValue(path: String, table: String, row: String, column: String, value: String)
    /// A label read back no longer matches the content hash stored when it was ingested.
    case contentChanged(path: String, labelID: String)

    /// Whether the user can fix the cause by naming another store (exit 2), rather than the
    /// store or the system having failed (exit 3).
    public var isBadInput: Bool {
        switch self {
        case .missing, .notACurateStore, .newerSchema: true
        case .empty, .sqlite, .busy, .inconsistent, .badValue, .contentChanged: false
        }
    }

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            "no store at \(path) (only 'curate init' creates one): check the path given by --store or CURATE_STORE, or run 'curate init' (with --store PATH for a store elsewhere)"
        case .empty(let path):
            "the store \(path) is damaged: the file is empty (0 bytes), so it was truncated or its creation never finished, and it holds no labels; restore it from a backup, or delete it and run 'curate init' to start an empty store"
        case .notACurateStore(let path):
            "\(path) is a SQLite database but not a curate store; check the path given by --store or CURATE_STORE"
        case .sqlite(let path, let code, let message):
            Self.describe(code: code, message: message, path: path)
        case .newerSchema(let path, let found, let supported):
            "the store \(path) has schema version \(found), newer than this curate knows (\(supported)); upgrade curate"
        case .busy(let path):
            "the store \(path) stayed locked by another curate process; nothing was changed: try again when it has finished"
        case .inconsistent(let path, let reason):
            "the store \(path) is inconsistent: \(reason); nothing was changed: run 'curate check --store \(path)' to see whether it is damaged"
        case .contentChanged(let path, let labelID):
            "the store \(path) is damaged: label \(labelID) no longer matches the content hash stored when it was ingested, so nothing was written; run 'curate check --store \(path)' to list every damaged label, and restore the store from a backup"
        case .badValue(let path, let table, let row, let column, let value):
            "the store \(path) is damaged: table \(table), \(row), column \(column) holds \(value), which curate never writes there; run 'curate check --store \(path)' to list every damaged row, and restore the store from a backup"
        }
    }

    /// The message for a failed SQLite call, by its primary result code.
    private static func describe(code: Int32, message: String, path: String) -> String {
        let detail = "SQLite error \(code): \(message)"
        switch code & 0xFF {
        case SQLITE_FULL:
            return "the disk holding the store \(path) is full (\(detail)); nothing was changed: free some space and run the command again"
        case SQLITE_CORRUPT:
            return "the store \(path) is damaged (\(detail)); run 'curate check --store \(path)' to see what is damaged, and restore the store from a backup"
        case SQLITE_NOTADB:
            return "\(path) is not a curate store: it is not a SQLite database, or its header is damaged (\(detail)); check the path given by --store or CURATE_STORE, or restore the store from a backup"
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH:
            return "the store \(path) cannot be written (\(detail)); nothing was changed: make the file, its folder and any \(URL(fileURLWithPath: path).lastPathComponent)-journal beside it writable by you, then run the command again"
        case SQLITE_CANTOPEN:
            return "cannot open the store \(path) (\(detail)); check that the file and its folder exist and that you may read and write both"
        case SQLITE_IOERR:
            return "reading or writing the store \(path) failed (\(detail)); nothing was changed: check the disk (free space, errors in the system log), then run 'curate check --store \(path)' and the command again"
        case SQLITE_LOCKED:
            return "the store \(path) stayed locked by another process (\(detail)); nothing was changed: try again when it has finished"
        case SQLITE_NOMEM:
            return "SQLite ran out of memory working on the store \(path) (\(detail)); nothing was changed: free some memory and run the command again"
        default:
            return "the store \(path) failed (\(detail)); nothing was changed: run 'curate check --store \(path)' to see whether the store is damaged"
        }
    }
}
