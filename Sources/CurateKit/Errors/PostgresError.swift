import Foundation

/// Why a PostgreSQL store could not be reached, opened, read or written.
///
/// Every message names the store by its ``PostgresURL``, whose password shows as `***`, and
/// says what to do; a message from the server or libpq is masked the same way.
public enum PostgresError: LocalizedError, Sendable, Equatable {
    /// libpq cannot read the connection string (a malformed URI or an unknown parameter).
    case badConnectionString(store: PostgresURL, message: String)
    /// The server could not be reached, or refused the connection.
    case connectionFailed(store: PostgresURL, message: String)
    /// The server has no database of the URL's name: a database is made on the server first.
    case missingDatabase(store: PostgresURL, message: String)
    /// The database holds no curate schema: only `curate init` creates one.
    case notACurateStore(store: PostgresURL)
    /// `curate init` found tables curate did not make in the database.
    case occupied(store: PostgresURL, tables: [String])
    /// The database was set up by a newer `curate` whose schema this one does not know.
    case newerSchema(store: PostgresURL, found: Int, supported: Int)
    /// A statement failed on the server; `sqlState` is PostgreSQL's five-character error code.
    case statementFailed(store: PostgresURL, sqlState: String, message: String)
    /// PostgreSQL text cannot hold the character U+0000, and `field` (e.g. "label ID, column
    /// output") has one.
    case nulCharacter(store: PostgresURL, field: String)
    /// The store did not do what it must (a label just refused as stored cannot be found): `reason` says what.
    case inconsistent(store: PostgresURL, reason: String)
    /// A value read back from the store is missing or not one the schema allows: in `table`,
    /// the row `row` (its key, as a person finds it), column `column`; `value` as the server sent it.
    case badValue(store: PostgresURL, table: String, row: String, column: String, value: String)

    /// Whether the user can fix the cause by naming another store or creating its schema
    /// (exit 2), rather than the server or the system having failed (exit 3).
    public var isBadInput: Bool {
        switch self {
        case .badConnectionString, .missingDatabase, .notACurateStore, .occupied, .newerSchema, .nulCharacter: true
        case .connectionFailed, .statementFailed, .inconsistent, .badValue: false
        }
    }

    /// The server's SQLSTATE code, for a statement that failed.
    var sqlState: String? {
        if case .statementFailed(_, let state, _) = self { state } else { nil }
    }

    /// Whether running the whole transaction again can succeed: it lost a serialization
    /// conflict (40001) or a deadlock (40P01) with another writer.
    var isTransient: Bool {
        sqlState == "40001" || sqlState == "40P01"
    }

    public var errorDescription: String? {
        switch self {
        case .badConnectionString(let store, let message):
            "cannot read the PostgreSQL store \(store): \(store.mask(message)); write it as postgresql://USER@HOST:PORT/DATABASE (any libpq connection URI) in --store or CURATE_STORE"
        case .missingDatabase(let store, let message):
            "the PostgreSQL store \(store) does not exist: \(store.mask(message)); check the URL given by --store or CURATE_STORE, or make the database (e.g. 'createdb NAME' on the server) and set the store up in it with 'curate init --store URL'"
        case .connectionFailed(let store, let message):
            "cannot connect to the PostgreSQL store \(store): \(store.mask(message)); check that the server is running and that the host, port, database and user are right (a password comes from PGPASSWORD or ~/.pgpass)"
        case .notACurateStore(let store):
            "the PostgreSQL database \(store) holds no curate store (only 'curate init' creates one): check the URL given by --store or CURATE_STORE, or run 'curate init --store URL' to set up the store in that database"
        case .occupied(let store, let tables):
            "the PostgreSQL database \(store) already holds tables curate did not make (\(tables.joined(separator: ", "))), so no store was set up there; name an empty database, e.g. one made with 'createdb curate'"
        case .newerSchema(let store, let found, let supported):
            "the PostgreSQL store \(store) has schema version \(found), newer than this curate knows (\(supported)); upgrade curate"
        case .statementFailed(let store, let state, let message):
            Self.describe(sqlState: state, message: store.mask(message), store: store)
        case .nulCharacter(let store, let field):
            "\(field) holds the character U+0000, which PostgreSQL text cannot hold, so it cannot go into the PostgreSQL store \(store); nothing was changed: remove the character from the record"
        case .inconsistent(let store, let reason):
            "the PostgreSQL store \(store) is inconsistent: \(reason); nothing was changed: check whether labels were deleted from it by hand"
        case .badValue(let store, let table, let row, let column, let value):
            "the PostgreSQL store \(store) is damaged: table \(table), \(row), column \(column) holds \(value), which curate never writes there; restore the database from a backup"
        }
    }

    /// The message for a failed statement, by its SQLSTATE class.
    private static func describe(sqlState: String, message: String, store: PostgresURL) -> String {
        let detail = "PostgreSQL error \(sqlState): \(message)"
        switch sqlState.prefix(2) {
        case "08", "57":
            return "the connection to the PostgreSQL store \(store) was lost or the server shut down (\(detail)); nothing was changed: check the server, then run the command again"
        case "40":
            return "the PostgreSQL store \(store) kept conflicting with other writers (\(detail)); nothing was changed: run the command again"
        case "42" where sqlState == "42501":
            return "the PostgreSQL user may not do this in the store \(store) (\(detail)); nothing was changed: ask the database's owner to grant it"
        case "53":
            return "the PostgreSQL server of the store \(store) ran out of disk, memory or connections (\(detail)); nothing was changed: free some, then run the command again"
        default:
            return "the PostgreSQL store \(store) failed (\(detail)); nothing was changed"
        }
    }
}
