import Testing
@testable import CurateKit

@Suite("Schema migrations")
struct MigrationTests {
    @Test("a new store is at the current schema version")
    func currentVersion() throws {
        let folder = try TemporaryDirectory()
        #expect(try Store(path: folder.storePath, create: true).sqliteBackend.schemaVersion() == SQLiteMigrations.current)
    }

    @Test("an older store is migrated forward on open and keeps its labels")
    func migratesForward() throws {
        let folder = try TemporaryDirectory()
        let old = try Store(path: folder.storePath, migrations: Array(SQLiteMigrations.all.prefix(2)), create: true)
        try Self.insertLabels(into: old, createdAt: [300, 100, 200])
        let labelsBefore = try Self.labelRows(old)
        #expect(try old.sqliteBackend.schemaVersion() == 2)

        let next = Migration(version: SQLiteMigrations.current + 1, sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);")
        let upgraded = try Store(path: folder.storePath, migrations: SQLiteMigrations.all + [next])
        #expect(try upgraded.sqliteBackend.schemaVersion() == SQLiteMigrations.current + 1)
        #expect(try Self.labelRows(upgraded) == labelsBefore)
        #expect(try upgraded.sqliteBackend.connection.prepare("SELECT count(*) FROM later_feature").rows { $0.int64(0) } == [0])
        let stats = try upgraded.tupleStats()
        #expect(stats.map(\.labels) == [3])
        #expect(stats.first?.firstCreatedAt == Timestamp(nanosecondsSinceEpoch: 100))
        #expect(stats.first?.lastCreatedAt == Timestamp(nanosecondsSinceEpoch: 300))
    }

    @Test("labels that shared an id key before keys became unique are all still found")
    func collidingKeysSurviveMigration() throws {
        let folder = try TemporaryDirectory()
        let old = try Store(path: folder.storePath, migrations: Array(SQLiteMigrations.all.prefix(3)), create: true)
        // 64-hex-digit ids are keyed by their first 16 digits: the first two share a key.
        let ids = [String(repeating: "a", count: 16) + String(repeating: "0", count: 48),
                   String(repeating: "a", count: 16) + String(repeating: "1", count: 48),
                   String(repeating: "b", count: 64)]
        #expect(RecordIDKey.of(ids[0]) == RecordIDKey.of(ids[1]))
        try Self.insertLabels(into: old, createdAt: [100, 200, 300], ids: ids)
        let upgraded = try Store(path: folder.storePath)
        #expect(try ids.allSatisfy { try upgraded.backend.hasRecord(id: $0) })
        #expect(try upgraded.sqliteBackend.connection.prepare("SELECT id FROM labels WHERE collided = 1").rows { $0.string(0) } == [ids[1]])
        let keys = try LabelKeysTests.keyTable(upgraded)
        #expect(keys.stored.count == 2)
        #expect(keys.stored == keys.expected)
        #expect(try Self.labelRows(upgraded).count == 3)
    }

    /// Every label's columns as schema version 2 had them, in seq order.
    static func labelRows(_ store: Store) throws -> [String] {
        try store.sqliteBackend.connection.prepare("""
            SELECT quote(seq) || '|' || quote(id) || '|' || quote(id_key) || '|' || quote(content_sha256) || '|' || quote(tuple_id)
                || '|' || quote(task) || '|' || quote(input_id) || '|' || quote(created_at) || '|' || quote(output)
            FROM labels ORDER BY seq
            """).rows { $0.string(0) ?? "" }
    }

    /// Labels of one tuple written with the SQL of schema version 2, as a curate of that version stored them.
    static func insertLabels(into store: Store, createdAt: [Int64], ids: [String]? = nil) throws {
        try store.sqliteBackend.connection.execute("""
            INSERT INTO prompts (id, name, version, sha256) VALUES (1, 'p', 'v1', NULL);
            INSERT INTO tuples (id, origin, model, prompt_id, hash_status) VALUES (1, 'llm', 'm', 1, 'unknown');
            INSERT INTO ingests (id, ingested_at, sources) VALUES (1, 0, '["a.jsonl"]');
            """)
        for (index, time) in createdAt.enumerated() {
            let id = ids?[index] ?? "r\(index)"
            try store.sqliteBackend.connection.execute("""
                INSERT INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output)
                VALUES ('\(id)', \(RecordIDKey.of(id)), x'00', 1, 1, 't', 'i\(index)', \(time), '"x"');
                """)
        }
    }

    @Test("a store from a newer curate is refused, not downgraded")
    func refusesNewerSchema() throws {
        let folder = try TemporaryDirectory()
        let next = Migration(version: SQLiteMigrations.current + 1, sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);")
        _ = try Store(path: folder.storePath, migrations: SQLiteMigrations.all + [next], create: true)
        #expect(throws: StoreError.newerSchema(path: folder.storePath, found: SQLiteMigrations.current + 1, supported: SQLiteMigrations.current)) {
            try Store(path: folder.storePath)
        }
    }
}
