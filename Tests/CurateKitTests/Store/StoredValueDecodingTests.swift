import Foundation
import Testing
@testable import CurateKit

/// A value curate never writes, read back from a damaged store, is an error naming the table,
/// row, column and value, never a default (a flag that silently becomes a record flag, a tuple
/// that silently becomes an LLM one).
@Suite("Reading damaged values")
struct StoredValueDecodingTests {
    /// A store with one flag and one ingested label of a hashless prompt, then `damage` run on
    /// it with CHECK constraints off, as a corrupted file or another tool could leave it.
    static func damagedStore(_ damage: String) throws -> (TemporaryDirectory, Store) {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let file = try folder.write("a.jsonl", TupleLabelsTests.record("a", second: 10) + "\n")
        _ = try IngesterTests.ingest([file], into: store)
        try store.backend.addFlag(LabelFlag(kind: .model, target: "m", reason: "noisy", createdAt: IngesterTests.now))
        try store.sqliteBackend.connection.execute("PRAGMA ignore_check_constraints = ON; \(damage); PRAGMA ignore_check_constraints = OFF;")
        return (folder, store)
    }

    /// Expects `body` to throw ``StoreError/badValue(path:table:row:column:value:)`` for `table`, `row`, `column` and `value`.
    static func expectBadValue(
        _ table: String, _ row: String, _ column: String, _ value: String, path: String,
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        let expected = StoreError.badValue(path: path, table: table, row: row, column: column, value: value)
        #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
        let message = expected.errorDescription ?? ""
        #expect(message.contains(path) && message.contains("curate check"), sourceLocation: sourceLocation)
    }

    @Test("a flag of an unknown kind")
    func flagKind() throws {
        let (folder, store) = try Self.damagedStore("UPDATE flags SET kind = 'everything'")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("flags", "row id 1", "kind", "'everything'", path: folder.storePath) { _ = try store.backend.flags() }
    }

    @Test("a flag without a time")
    func flagTime() throws {
        let (folder, store) = try Self.damagedStore("UPDATE flags SET created_at = 'yesterday'")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("flags", "row id 1", "created_at", "'yesterday'", path: folder.storePath) { _ = try store.backend.flags() }
    }

    @Test("a tuple of an unknown origin, read by stats, prompts, export and backfill")
    func tupleOrigin() throws {
        let (folder, store) = try Self.damagedStore("UPDATE tuples SET origin = 'oracle'")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("tuples", "row id 1", "origin", "'oracle'", path: folder.storePath) { _ = try store.tupleStats() }
        Self.expectBadValue("tuples", "row id 1", "origin", "'oracle'", path: folder.storePath) { _ = try store.backend.exportCatalog() }
    }

    @Test("an LLM tuple whose prompt row is gone")
    func missingPrompt() throws {
        let (folder, store) = try Self.damagedStore("PRAGMA foreign_keys = OFF; DELETE FROM prompts; PRAGMA foreign_keys = ON")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("tuples", "row id 1", "prompt_name", "NULL", path: folder.storePath) { _ = try store.tupleStats() }
    }

    @Test("a hash status curate does not know")
    func hashStatus() throws {
        let (folder, store) = try Self.damagedStore("UPDATE tuples SET hash_status = 'guessed'")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("tuples", "row id 1", "hash_status", "'guessed'", path: folder.storePath) { _ = try store.backend.exportCatalog() }
        Self.expectBadValue(
            "tuples", "rows of prompt (name, version, sha256) = ('sentiment', 'v1', NULL)", "hash_status", "'guessed'",
            path: folder.storePath) { _ = try store.promptUsage() }
    }

    @Test("a label count that is not a number")
    func labelCount() throws {
        let (folder, store) = try Self.damagedStore("UPDATE tuple_labels SET labels = 'many'")
        defer { withExtendedLifetime(folder) {} }
        Self.expectBadValue("tuple_labels", "row (task, tuple_id) = ('sentiment', 1)", "labels", "'many'", path: folder.storePath) {
            _ = try store.tupleStats()
        }
    }

    @Test("an unplaced label whose time is not a number")
    func unplacedLabel() throws {
        let (folder, store) = try Self.damagedStore("UPDATE labels SET created_at = 'soon'")
        defer { withExtendedLifetime(folder) {} }
        let id = try #require(try store.sqliteBackend.connection.prepare("SELECT id FROM labels").rows { $0.string(0) }.first ?? nil)
        Self.expectBadValue("labels", "row seq 1 (id '\(id)')", "created_at", "'soon'", path: folder.storePath) { _ = try store.unplacedLabels() }
    }

    @Test("a stored input batch of an unknown origin")
    func storedBatchOrigin() throws {
        let (folder, store) = try Self.damagedStore("UPDATE stored_batches SET origin = 'oracle'")
        defer { withExtendedLifetime(folder) {} }
        let digest = try #require(try store.sqliteBackend.connection.prepare("SELECT sha256 FROM stored_batches").rows { $0.withBlob(0) { [UInt8]($0) } }.first)
        let batches = try StoredBatches(connection: store.sqliteBackend.connection)
        Self.expectBadValue("stored_batches", "row with sha256 \(SHA256Hex.hex(digest))", "origin", "'oracle'", path: folder.storePath) {
            _ = try batches.provenance(of: digest, lines: 1)
        }
    }
}
