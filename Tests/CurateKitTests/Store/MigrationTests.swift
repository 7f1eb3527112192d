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
        let oldMigrations = Array(Migrations.all.dropLast(Migrations.all.count - 1))
        let old = try Store(path: folder.storePath, migrations: oldMigrations)
        let file = try folder.write("a.jsonl", IngesterTests.record("r1"))
        _ = try IngesterTests.ingest([file], into: old)
        let labelsBefore = try old.dump().filter { $0.hasPrefix("labels:") }
        #expect(try old.schemaVersion() == 1)

        let next = Migration(version: Migrations.current + 1, sql: "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);")
        let upgraded = try Store(path: folder.storePath, migrations: Migrations.all + [next])
        #expect(try upgraded.schemaVersion() == Migrations.current + 1)
        #expect(try upgraded.dump().filter { $0.hasPrefix("labels:") } == labelsBefore)
        #expect(try upgraded.connection.prepare("SELECT count(*) FROM later_feature").rows { $0.int64(0) } == [0])
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
