import Foundation
import Testing
@testable import CurateKit

@Suite("Reading export rows on a second thread")
struct RowPrefetcherTests {
    /// A store with more rows than the reading thread may queue ahead, so it waits for the caller.
    /// Every field varies, some texts are NULL (`run`), some are not ASCII.
    static func fixture() throws -> ExportFixture {
        try ExportFixture((0..<9_500).map { index in
            Label.llm(
                String(format: "in-%05d", index % 7_000), index % 3 == 0 ? "négatif" : "positive",
                task: index % 4 == 0 ? "topic" : "sentiment", at: "2026-06-01T12:00:\(String(format: "%02d", index % 60))Z",
                run: index % 5 == 0 ? nil : "run-\(index % 7)", inputPayload: .object([("text", .string("text \(index) ✓"))]))
        })
    }

    static func query(_ store: Store) throws -> LabelQuery {
        LabelQuery(tupleIDs: try store.backend.exportCatalog().map(\.tupleID), readsParams: true)
    }

    static func tuples(_ store: Store) throws -> [Int64: ProvenanceTuple] {
        Dictionary(try store.backend.exportCatalog().map { ($0.tupleID, $0.tuple) }) { first, _ in first }
    }

    @Test("rows arrive in the store's order, every one of them")
    func sameRows() throws {
        let fixture = try Self.fixture()
        let query = try Self.query(fixture.store)
        var direct: [String] = []
        var prefetched: [String] = []
        try fixture.store.backend.readSnapshot {
            try fixture.store.backend.forEachStoredLabel(query) { direct.append(String(describing: try $0.row())) }
            try RowPrefetcher<Void>.forEach(query, in: fixture.store.backend, tuples: try Self.tuples(fixture.store)) { prefetched.append(String(describing: $0)) }
        }
        #expect(direct.count == 9_500)
        #expect(prefetched == direct)
        #expect(direct.contains { $0.contains("run: nil") && $0.contains("négatif") && $0.contains("✓") })
    }

    @Test("an error from the caller stops the reading and comes back; the store is usable after")
    func callerError() throws {
        struct Stop: Error {}
        let fixture = try Self.fixture()
        let query = try Self.query(fixture.store)
        var seen = 0
        #expect(throws: Stop.self) {
            try fixture.store.backend.readSnapshot {
                try RowPrefetcher<Void>.forEach(query, in: fixture.store.backend, tuples: try Self.tuples(fixture.store)) { _ in
                    seen += 1
                    if seen == 1_500 { throw Stop() }
                }
            }
        }
        #expect(seen == 1_500)
        var count = 0
        try fixture.store.backend.readSnapshot { try fixture.store.backend.forEachStoredLabel(query) { _ in count += 1 } }
        #expect(count == 9_500)
    }
}

@Suite("Re-hashing labels on whichever thread is free")
struct RowPrefetcherVerificationTests {
    /// The label ids in the order the store streams them.
    static func streamedIDs(_ fixture: ExportFixture, _ query: LabelQuery) throws -> [String] {
        var ids: [String] = []
        try fixture.store.backend.readSnapshot { try fixture.store.backend.forEachStoredLabel(query) { ids.append(try $0.row().id) } }
        return ids
    }

    /// The id of the changed label a stream with a slow caller reports (the reading thread
    /// fills every queue place, then re-hashes ahead), after the labels at `positions` changed.
    static func reported(changing positions: [Int]) throws -> (reported: String?, expected: String) {
        let fixture = try RowPrefetcherTests.fixture()
        let query = try RowPrefetcherTests.query(fixture.store)
        let ids = try streamedIDs(fixture, query)
        for position in positions {
            try fixture.store.sqliteBackend.connection.prepare("UPDATE labels SET output = '\"tampered\"' WHERE id = ?").run([.text(ids[position])])
        }
        var reported: String?
        var seen = 0
        do {
            try fixture.store.backend.readSnapshot {
                try RowPrefetcher<Void>.forEach(query, in: fixture.store.backend, tuples: try RowPrefetcherTests.tuples(fixture.store)) { _ in
                    if seen == 0 { Thread.sleep(forTimeInterval: 1) }
                    seen += 1
                }
            }
        } catch StoreError.contentChanged(_, let labelID) {
            reported = labelID
        }
        return (reported, ids[positions.min() ?? 0])
    }

    @Test("of two changed labels, the first in the stream is reported though the reading thread re-hashed ahead")
    func firstChangedLabelReported() throws {
        // 9,300 lies in the last batch, which the reading thread re-hashes while the caller sleeps (eight
        // batches of 1,024 fill the queue); 2,000 in one queued before.
        let result = try Self.reported(changing: [2_000, 9_300])
        #expect(result.reported == result.expected)
    }

    @Test("a changed label the reading thread met ahead is reported by the caller in its turn")
    func changedLabelMetAhead() throws {
        let result = try Self.reported(changing: [9_300])
        #expect(result.reported == result.expected)
    }
}

extension StoredLabelColumns {
    /// The row as values of its own, read straight from the store's statement (test-only).
    func row() throws -> StoredLabel {
        var texts: [StoredLabel.Text: String] = [:]
        for text in StoredLabel.Text.allCases {
            texts[text] = try withText(text) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
        return try #require(StoredLabel(text: { texts[$0] }, createdAt: try createdAt(), tupleID: try tupleID(), withParams: true, withInput: true))
    }
}
