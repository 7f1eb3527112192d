import Testing
@testable import CurateKit

@Suite("Schema migrations")
struct MigrationTests {
    @Test("a new store is at the current schema version")
    func currentVersion() throws {
        let folder = try TemporaryDirectory()
        #expect(try Store(path: folder.storePath).schemaVersion() == Migrations.current)
    }

    @Test("an older store is migrated forward on open and keeps its labels")
    func migratesForward() throws {
        let folder = try TemporaryDirectory()
        let old = try Store(path: folder.storePath, migrations: Array(Migrations.all.prefix(2)))
        try Self.insertLabels(into: old, createdAt: [300, 100, 200])
        let labelsBefore = try old.dump().filter { $0.hasPrefix("labels:") }
        #expect(try old.schemaVersion() == 2)

        let next = Migration(version: Migrations.current + 1, sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);")
        let upgraded = try Store(path: folder.storePath, migrations: Migrations.all + [next])
        #expect(try upgraded.schemaVersion() == Migrations.current + 1)
        #expect(try upgraded.dump().filter { $0.hasPrefix("labels:") } == labelsBefore)
        #expect(try upgraded.connection.prepare("SELECT count(*) FROM later_feature").rows { $0.int64(0) } == [0])
        let stats = try upgraded.tupleStats()
        #expect(stats.map(\.labels) == [3])
        #expect(stats.first?.firstCreatedAt == Timestamp(nanosecondsSinceEpoch: 100))
        #expect(stats.first?.lastCreatedAt == Timestamp(nanosecondsSinceEpoch: 300))
    }

    /// Labels of one tuple written with the SQL of schema version 2, as a curate of that version stored them.
    static func insertLabels(into store: Store, createdAt: [Int64]) throws {
        try store.connection.execute("""
            INSERT INTO prompts (id, name, version, sha256) VALUES (1, 'p', 'v1', NULL);
            INSERT INTO tuples (id, origin, model, prompt_id, hash_status) VALUES (1, 'llm', 'm', 1, 'unknown');
            INSERT INTO ingests (id, ingested_at, sources) VALUES (1, 0, '["a.jsonl"]');
            """)
        for (index, time) in createdAt.enumerated() {
            try store.connection.execute("""
                INSERT INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output)
                VALUES ('r\(index)', \(index), x'00', 1, 1, 't', 'i\(index)', \(time), '"x"');
                """)
        }
    }

    @Test("a store from a newer curate is refused, not downgraded")
    func refusesNewerSchema() throws {
        let folder = try TemporaryDirectory()
        let next = Migration(version: Migrations.current + 1, sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);")
        _ = try Store(path: folder.storePath, migrations: Migrations.all + [next])
        #expect(throws: StoreError.newerSchema(path: folder.storePath, found: Migrations.current + 1, supported: Migrations.current)) {
            try Store(path: folder.storePath)
        }
    }
}
