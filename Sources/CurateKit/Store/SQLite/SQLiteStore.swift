import CSQLite
import Foundation

/// The embedded store: one SQLite database file.
///
/// Opening a store migrates its schema forward. Every write happens inside
/// ``write(_:)``, one `BEGIN IMMEDIATE` transaction, so a second `curate`
/// process waits for the first (up to ``busyTimeoutMilliseconds``) and a killed
/// process leaves all of its writes or none.
final class SQLiteStore: StoreBackend {
    /// Path of the database file.
    let path: String
    var location: String { path }
    let connection: SQLiteConnection

    /// How long a writer waits for another one before giving up: ten minutes,
    /// long enough for a large ingest in another process to finish.
    static let busyTimeoutMilliseconds: Int32 = 600_000

    /// SQLite's page cache, in KiB: about one tenth of a 1M-label store. Memory stays flat
    /// because this, not the store, bounds it.
    static let pageCacheKiB = 65_536

    /// Opens the store at `path` and migrates it to the current schema.
    /// - Parameter create: make a new store when there is none at `path` (only `curate init`
    ///   does); otherwise a missing store is an error, so a mistyped path never receives labels.
    /// - Throws: ``StoreError/missing(path:)``; ``StoreError/empty(path:)`` for an empty file
    ///   (a store is created whole, so an empty one was truncated);
    ///   ``StoreError/notACurateStore(path:)``; ``StoreError/newerSchema(path:found:supported:)``
    ///   for a store from a newer curate; any other ``StoreError`` from SQLite.
    convenience init(path: String, create: Bool = false) throws {
        try self.init(path: path, migrations: SQLiteMigrations.all, create: create)
    }

    convenience init(path: String, migrations: [Migration], create: Bool = false) throws {
        if create, !FileManager.default.fileExists(atPath: path) {
            try Self.create(at: path, migrations: migrations)
        }
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        try self.init(opening: path, migrations: migrations, isNew: false)
    }

    /// Opens the database at `path`; `isNew` when this process is making it, else it must be a curate store.
    private init(opening path: String, migrations: [Migration], isNew: Bool) throws {
        self.path = path
        connection = try SQLiteConnection(path: path, create: isNew, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        try useRollbackJournal()
        // Several processes opening one store at once can find it locked in ways SQLite's busy
        // handler does not wait for (one is still migrating it), so they retry here instead.
        let deadline = Date().addingTimeInterval(Double(Self.busyTimeoutMilliseconds) / 1000)
        while true {
            do {
                // 8 KiB pages (a no-op once the store has any): a label row is ~400 bytes, and
                // ingest spills and re-reads fewer, fuller index pages.
                try connection.execute("""
                    PRAGMA page_size = 8192;
                    PRAGMA synchronous = FULL;
                    PRAGMA foreign_keys = ON;
                    PRAGMA cache_size = -\(Self.pageCacheKiB);
                    PRAGMA temp_store = MEMORY;
                    """)
                if !isNew { try checkMadeByCurate() }
                try migrate(to: migrations)
                return
            } catch StoreError.busy where Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// Makes a new store at `path` whole or not at all: set up in a hidden file beside it, then
    /// linked into place. So no process ever opens a half-made store, an empty file at `path`
    /// can only be damage, and of several processes making the store at once one wins and
    /// the others open its store.
    private static func create(at path: String, migrations: [Migration]) throws {
        let url = URL(fileURLWithPath: path)
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { unlink(staging) }
        _ = try SQLiteStore(opening: staging, migrations: migrations, isNew: true)  // closed again at once
        guard link(staging, path) != 0, errno != EEXIST else { return }
        // A file system without hard links: move the file instead, unless another process was first.
        guard !FileManager.default.fileExists(atPath: path), rename(staging, path) != 0 else { return }
        throw StoreError.sqlite(path: path, code: SQLITE_CANTOPEN, message: "cannot put the new store in place: \(String(cString: strerror(errno)))")
    }

    /// Refuses a file curate did not make as a store: an empty one (a store is created whole,
    /// so it was truncated) or a database without a schema version.
    private func checkMadeByCurate() throws(StoreError) {
        let pages = try connection.prepare("PRAGMA page_count").rows { $0.int64(0) }.first ?? nil
        if pages == 0 { throw .empty(path: path) }
        if try schemaVersion() == 0 { throw .notACurateStore(path: path) }
    }

    /// Keeps the store in SQLite's rollback-journal mode (its default, `DELETE`).
    ///
    /// A transaction then writes its new pages once, into the database file, and keeps the
    /// old content only of pages it changes; in WAL mode every page is written twice, to the
    /// log and again when the log is copied back at the end (about a fifth of a large ingest
    /// into a new store). The cost: a reader waits (busy timeout) while a writer writes to the
    /// file, which a large ingest does once its changes outgrow the page cache. `synchronous =
    /// FULL` syncs the journal before the file changes, so a power cut cannot corrupt the store.
    ///
    /// Stores made by earlier builds are in WAL mode: one switches back when it is opened with
    /// no other connection to it; until then it stays in WAL mode, which is just as safe.
    private func useRollbackJournal() throws(StoreError) {
        do {
            try connection.execute("PRAGMA journal_mode = DELETE")
        } catch .busy {
            return
        }
    }

    /// The schema version recorded in the database.
    func schemaVersion() throws(StoreError) -> Int {
        let statement = try connection.prepare("PRAGMA user_version")
        return try statement.rows { Int($0.int64(0) ?? 0) }.first ?? 0
    }

    private func migrate(to migrations: [Migration]) throws {
        let latest = migrations.last?.version ?? 0
        if try schemaVersion() == latest { return }
        // A migration may build an index over every label.
        try spillingTemporaryData {
            try transaction {
                let found = try schemaVersion()
                guard found <= latest else { throw StoreError.newerSchema(path: path, found: found, supported: latest) }
                for migration in migrations where migration.version > found {
                    try connection.execute(migration.sql)
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
            }
        }
    }

    /// Runs `body` with SQLite's temporary data, such as the sort of an index being built, in
    /// files rather than in memory (the store's setting otherwise), so memory stays flat
    /// however many labels there are.
    func spillingTemporaryData<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("PRAGMA temp_store = FILE")
        defer { try? connection.execute("PRAGMA temp_store = MEMORY") }
        return try body()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// - Parameter begin: `BEGIN IMMEDIATE` (the default) takes the write lock first, so writers
    ///   queue instead of failing; `BEGIN DEFERRED` reads one snapshot without blocking writers.
    func transaction<T>(begin: String = "BEGIN IMMEDIATE", _ body: () throws -> T) throws -> T {
        try connection.execute(begin)
        do {
            let result = try body()
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
