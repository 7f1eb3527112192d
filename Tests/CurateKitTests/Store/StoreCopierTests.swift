import Foundation
import Testing
@testable import CurateKit

@Suite("Copying a whole SQLite store")
struct StoreCopierTests {
    @Test("a damaged value in the source stops the copy, naming table, row and column, and the target stays empty")
    func damagedSourceValue() throws {
        let folder = try TemporaryDirectory()
        let source = try Store(path: folder.storePath, create: true)
        let file = try folder.write("a.jsonl", [IngesterTests.record("in-1"), IngesterTests.record("in-2")].joined(separator: "\n") + "\n")
        _ = try IngesterTests.ingest([file], into: source)
        try source.sqliteBackend.connection.execute("UPDATE labels SET created_at = 'yesterday' WHERE seq = 2")
        let targetPath = folder.url.appendingPathComponent("copy.sqlite").path
        let target = try Store(path: targetPath, create: true)
        let before = try target.dump()

        #expect {
            try StoreCopier.copy(from: .sqlite(path: folder.storePath), to: .sqlite(path: targetPath))
        } throws: { error in
            guard case StoreError.badValue(folder.storePath, "labels", let row, "created_at", "'yesterday'") = error else { return false }
            return row.hasPrefix("row seq 2 (id '")
        }
        #expect(try target.dump() == before)
    }

    @Test("the copy's state is the source's, and a second copy into it is refused naming what it holds")
    func stateAndRefusal() throws {
        let folder = try TemporaryDirectory()
        let source = try Store(path: folder.storePath, create: true)
        _ = try IngesterTests.ingest([try folder.write("a.jsonl", IngesterTests.record("in-1") + "\n")], into: source)
        let targetPath = folder.url.appendingPathComponent("copy.sqlite").path
        _ = try Store(path: targetPath, create: true)

        let summary = try StoreCopier.copy(from: .sqlite(path: folder.storePath), to: .sqlite(path: targetPath))
        #expect(summary.state == (try source.backend.state()))
        #expect(summary.copied.labels == 1 && summary.copied.ingests == 1)
        #expect(throws: StoreCopyError.targetNotEmpty(store: targetPath, tables: ["ingests", "prompts", "tuples", "labels", "tuple_labels", "stored_batches"])) {
            try StoreCopier.copy(from: .sqlite(path: folder.storePath), to: .sqlite(path: targetPath))
        }
    }
}
