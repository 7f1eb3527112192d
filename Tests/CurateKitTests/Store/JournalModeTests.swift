import Foundation
import Testing
@testable import CurateKit

@Suite("Journal mode")
struct JournalModeTests {
    @Test("a new store writes through a rollback journal and leaves no log files behind")
    func newStoreUsesRollbackJournal() throws {
        let folder = try TemporaryDirectory()
        do {
            let store = try Store(path: folder.storePath, create: true)
            #expect(try Self.journalMode(store) == "delete")
            try MigrationTests.insertLabels(into: store, createdAt: [100, 200])
        }
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") || $0.hasSuffix("-journal") }
        #expect(leftOver.isEmpty)
    }

    @Test("a store left in WAL mode switches back when opened alone, keeping its labels")
    func walStoreSwitchesWhenAlone() throws {
        let folder = try TemporaryDirectory()
        let labelsBefore: [String]
        do {
            let old = try Store(path: folder.storePath, create: true)
            try old.sqliteBackend.connection.execute("PRAGMA journal_mode = WAL")
            try MigrationTests.insertLabels(into: old, createdAt: [300, 100, 200])
            labelsBefore = try MigrationTests.labelRows(old)
        }
        let reopened = try Store(path: folder.storePath)
        #expect(try Self.journalMode(reopened) == "delete")
        #expect(try MigrationTests.labelRows(reopened) == labelsBefore)
    }

    @Test("a store in WAL mode that another connection holds open stays in WAL mode and takes writes")
    func walStoreInUseStaysWAL() throws {
        let folder = try TemporaryDirectory()
        let holder = try Store(path: folder.storePath, create: true)
        try holder.sqliteBackend.connection.execute("PRAGMA journal_mode = WAL")
        try MigrationTests.insertLabels(into: holder, createdAt: [100])

        let second = try Store(path: folder.storePath)
        #expect(try Self.journalMode(second) == "wal")
        try second.sqliteBackend.connection.execute("INSERT INTO ingests (ingested_at, sources) VALUES (1, '[]')")
        #expect(try holder.sqliteBackend.connection.prepare("SELECT count(*) FROM ingests").rows { $0.int64(0) } == [2])
    }

    static func journalMode(_ store: Store) throws -> String? {
        try store.sqliteBackend.connection.prepare("PRAGMA journal_mode").rows { $0.string(0) }.first ?? nil
    }
}
