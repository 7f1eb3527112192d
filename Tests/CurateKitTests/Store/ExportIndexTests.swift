import Testing
@testable import CurateKit

/// A first ingest into an empty store builds the export index once, at the end.
@Suite("The export index of a first ingest")
struct ExportIndexTests {
    /// The export index's definition, as SQLite keeps it; nil when the store has none.
    static func exportIndex(_ store: Store) throws -> String? {
        try store.sqliteBackend.connection.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'labels_export'")
            .rows { $0.string(0) }.first ?? nil
    }

    /// The plan of the label stream's order, as SQLite would run it.
    static func plan(_ store: Store) throws -> String {
        try store.sqliteBackend.connection.prepare("""
            EXPLAIN QUERY PLAN SELECT task, input_id, created_at FROM labels WHERE task = 'sentiment' ORDER BY task, input_id, created_at
            """).rows { $0.string(3) ?? "" }.joined(separator: "; ")
    }

    @Test("after a first ingest, and after a refused one, the store has the export index and reads through it")
    func rebuilt() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let definition = try #require(try Self.exportIndex(store))
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.backend.ingest(sources: ["refused"], ingestedAt: IngesterTests.now) { writer in
                _ = try writer.add(try LabelWriterTests.label("a"))
                throw Refused()
            }
        }
        #expect(try Self.exportIndex(store) == definition, "a refused first ingest leaves the index as it was")
        _ = try LabelWriterTests.storeBatches([[try LabelWriterTests.label("b"), try LabelWriterTests.label("a")]], in: store)
        #expect(try Self.exportIndex(store) == definition, "the index built at the end is the one the schema made")
        let plan = try Self.plan(store)
        #expect(plan.contains("labels_export"), "\(plan)")
        _ = try LabelWriterTests.storeBatches([[try LabelWriterTests.label("c")]], in: store)
        #expect(try Self.exportIndex(store) == definition)
        #expect(try LabelWriterTests.labels(in: store).count == 3)
    }

    @Test("a store of schema 8 gets the export index with each label's tuple, supersedes and output, its labels unchanged")
    func upgradedFromSchema8() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try LabelWriterTests.storeBatches([[try LabelWriterTests.label("b"), try LabelWriterTests.label("a", output: "negative")]], in: store)
        let labels = try LabelWriterTests.labels(in: store)
        try store.sqliteBackend.connection.execute("""
            DROP INDEX labels_export;
            CREATE INDEX labels_export ON labels (task, input_id, created_at);
            DROP TABLE label_keys;
            CREATE UNIQUE INDEX labels_id_key ON labels (id_key) WHERE collided = 0;
            PRAGMA user_version = 8;
            """)

        let upgraded = try Store(path: folder.storePath)
        #expect(try upgraded.sqliteBackend.schemaVersion() == SQLiteMigrations.current)
        #expect(try Self.exportIndex(upgraded) == "CREATE INDEX labels_export ON labels (task, input_id, created_at, tuple_id, supersedes, output)")
        #expect(try Self.plan(upgraded).contains("labels_export"))
        #expect(try LabelWriterTests.labels(in: upgraded) == labels)
    }
}
