/// The team store: one PostgreSQL database, reached through libpq, with the schema of
/// ``PostgresMigrations``.
///
/// Opening it migrates the schema forward. Every write runs in one transaction that is
/// retried whole when it loses a conflict with another writer; every read command reads
/// one snapshot (REPEATABLE READ), so an export is consistent while others ingest.
final class PostgresStore: StoreBackend {
    /// Where the store is; its description masks the password.
    let url: PostgresURL
    let connection: PostgresConnection

    /// Connects to the database at `url` and migrates its schema.
    /// - Parameter create: set the schema up in an empty database (only `curate init` does).
    /// - Throws: ``PostgresError``.
    init(url: PostgresURL, create: Bool = false) throws {
        self.url = url
        connection = try PostgresConnection(url: url)
        try PostgresMigrations.migrate(connection, create: create)
    }

    /// The store as a person names it: its URL, password masked.
    var location: String { url.description }

    /// Runs `body` inside one read-only REPEATABLE READ transaction: every query it makes sees
    /// the same snapshot of the store.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(.read, body)
    }
}
