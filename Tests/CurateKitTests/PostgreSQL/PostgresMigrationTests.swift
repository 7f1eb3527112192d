import Foundation
import Testing
@testable import CurateKit

@Suite("PostgreSQL store schema and migrations")
struct PostgresMigrationTests {
    @Test("init sets up an empty database at the current schema, with every table of the SQLite store", TestDatabase.required)
    func fresh() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try PostgresMigrations.migrate(connection, create: true)
        #expect(try PostgresMigrations.version(connection) == PostgresMigrations.current)
        let tables = try connection.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        #expect(tables == [["curate_schema"], ["flags"], ["ingests"], ["labels"], ["prompts"], ["retracted_labels"], ["retractions"], ["stored_batches"], ["tuple_labels"], ["tuples"]])
        let keys = try connection.query("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND collation_name = 'C' AND table_name IN ('labels', 'flags') ORDER BY 1
            """)
        #expect(keys.compactMap { $0[0] } == ["flags.kind", "flags.target", "labels.id", "labels.input_id", "labels.run", "labels.supersedes", "labels.task"])
    }

    @Test("opening a store again changes nothing; init of a store again neither", TestDatabase.required)
    func reopen() throws {
        let database = try TestDatabase()
        _ = try database.store()
        try database.connect().execute("INSERT INTO ingests (ingested_at, sources) VALUES (1, '[]')")
        for create in [false, true] {
            let connection = try database.connect()
            try PostgresMigrations.migrate(connection, create: create)
            #expect(try PostgresMigrations.version(connection) == PostgresMigrations.current)
            #expect(try connection.query("SELECT count(*) FROM ingests") == [["1"]])
        }
    }

    @Test("a database without the schema is refused with how to make it, and left as it is", TestDatabase.required)
    func notAStore() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        #expect(throws: PostgresError.notACurateStore(store: database.url)) { try PostgresMigrations.migrate(connection, create: false) }
        #expect(try connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") == [["0"]])
        let message = PostgresError.notACurateStore(store: database.url).errorDescription ?? ""
        #expect(message.contains("curate init --store"))
        #expect(PostgresError.notACurateStore(store: database.url).isBadInput)
    }

    @Test("init refuses a database that holds other tables, and leaves them alone", TestDatabase.required)
    func occupied() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE labels (note text)")
        #expect(throws: PostgresError.occupied(store: database.url, tables: ["labels"])) {
            try PostgresMigrations.migrate(connection, create: true)
        }
        #expect(try PostgresMigrations.version(connection) == nil)
    }

    @Test("a store is migrated forward on open and keeps its rows; a newer one is refused", TestDatabase.required)
    func forwardAndNewer() throws {
        let database = try TestDatabase()
        let connection = try database.store()
        try connection.execute("INSERT INTO ingests (ingested_at, sources) VALUES (7, '[\"a.jsonl\"]')")
        let next = Migration(version: PostgresMigrations.current + 1, sql: "CREATE TABLE later_feature (id bigint PRIMARY KEY);")
        try PostgresMigrations.migrate(database.connect(), create: false, migrations: PostgresMigrations.all + [next])
        #expect(try PostgresMigrations.version(connection) == next.version)
        #expect(try connection.query("SELECT ingested_at, sources FROM ingests") == [["7", "[\"a.jsonl\"]"]])
        #expect(try connection.query("SELECT count(*) FROM later_feature") == [["0"]])

        let newer = PostgresError.newerSchema(store: database.url, found: next.version, supported: PostgresMigrations.current)
        #expect(throws: newer) { try PostgresMigrations.migrate(database.connect(), create: false) }
        #expect(throws: newer) { try PostgresMigrations.migrate(database.connect(), create: true) }
    }

    @Test("a migration that fails leaves the store at the version before it", TestDatabase.required)
    func failedMigration() throws {
        let database = try TestDatabase()
        let connection = try database.store()
        let broken = Migration(version: PostgresMigrations.current + 1, sql: "CREATE TABLE half_done (id bigint); SELECT no_such_function();")
        #expect(throws: PostgresError.self) {
            try PostgresMigrations.migrate(connection, create: false, migrations: PostgresMigrations.all + [broken])
        }
        #expect(try PostgresMigrations.version(connection) == PostgresMigrations.current)
        #expect(try connection.query("SELECT to_regclass('half_done') IS NULL") == [["t"]])
    }

    @Test("several processes setting up one database at once all succeed, and it is set up once", TestDatabase.required)
    func concurrentInit() async throws {
        let database = try TestDatabase()
        let url = database.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try PostgresMigrations.migrate(PostgresConnection(url: url), create: true) }
            }
            try await group.waitForAll()
        }
        #expect(try PostgresMigrations.version(database.connect()) == PostgresMigrations.current)
        #expect(try database.connect().query("SELECT count(*) FROM curate_schema") == [["1"]])
    }
}
