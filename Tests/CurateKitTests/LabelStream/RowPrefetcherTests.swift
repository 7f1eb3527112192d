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

    static func verifier(_ store: Store) throws -> ContentVerifier {
        ContentVerifier(tuples: Dictionary(try store.backend.exportCatalog().map { ($0.tupleID, $0.tuple) }) { first, _ in first }, storePath: store.sqliteBackend.path)
    }

    @Test("rows arrive in the store's order, every one of them")
    func sameRows() throws {
        let fixture = try Self.fixture()
        let query = try Self.query(fixture.store)
        var direct: [String] = []
        var prefetched: [String] = []
        try fixture.store.backend.readSnapshot {
            try fixture.store.backend.forEachStoredLabel(query) { direct.append(String(describing: try $0.row())) }
            try RowPrefetcher.forEach(query, in: fixture.store.backend, verifier: try Self.verifier(fixture.store)) { prefetched.append(String(describing: $0)) }
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
                try RowPrefetcher.forEach(query, in: fixture.store.backend, verifier: try Self.verifier(fixture.store)) { _ in
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
