import Testing
@testable import CurateKit

@Suite("Id keys held in memory and stored a run at a time")
struct LabelKeysTests {
    @Test("the filter never says no for a key it holds, and says maybe for few others")
    func filter() {
        let held = (0..<50_000).map { RecordIDKey.of("record-\($0)") }
        let filter = IDKeyFilter(capacity: held.count)
        held.forEach(filter.insert)
        #expect(held.allSatisfy(filter.mayContain))
        let others = (0..<50_000).map { RecordIDKey.of("other-\($0)") }
        let maybes = others.count(where: filter.mayContain)
        #expect(maybes < others.count / 50, "\(maybes) of \(others.count) keys not held were maybe")
    }

    /// Stores each batch on one writer of `store` whose id key runs hold `runLength` keys.
    /// - Returns: each batch's outcomes.
    static func storeBatches(_ batches: [[LabelRecord]], in store: Store, runLength: Int) throws -> [[InsertOutcome]] {
        try store.sqliteBackend.ingest(sources: ["batches"], ingestedAt: IngesterTests.now, keyRunLength: runLength) { writer in
            try batches.map { batch in
                for record in batch {
                    try writer.queue(record, key: RecordIDKey.of(record.id), provenance: writer.provenanceNumbers.number(for: ProvenanceTuple(of: record)))
                }
                return try writer.storeQueued().map(\.outcome)
            }
        }
    }

    /// `label_keys` as (id_key, seq) lines, and what it must be: the labels not `collided`, in key order.
    static func keyTable(_ store: Store) throws -> (stored: [String], expected: [String]) {
        let connection = store.sqliteBackend.connection
        return (
            try connection.prepare("SELECT id_key || ' ' || seq FROM label_keys").rows { $0.string(0) ?? "" },
            try connection.prepare("SELECT id_key || ' ' || seq FROM labels WHERE collided = 0 ORDER BY id_key").rows { $0.string(0) ?? "" })
    }

    @Test("with runs of three keys, labels stored runs ago, held, or earlier in the batch are all found")
    func shortRuns() throws {
        let label = LabelWriterTests.label
        let shared = LabelWriterTests.sharedKeyIDs
        let first = try (1...5).map { try label("r\($0)", "positive", "req-\($0)") }
        let second = [
            first[0],                                   // in the table: the first run
            first[4],                                   // held, not in the table yet
            try label("r2", "negative", "req-2"),       // conflicts with a label of the first run
            try label("s1", "positive", shared.0),      // new
            try label("s2", "positive", shared.1),      // new, its key taken just before: collided
            try label("r6", "positive", "req-6"),       // new
        ]
        let third = [second[4], second[3], second[5], try label("r7", "positive", "req-7"), try label("r7", "negative", "req-7")]
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let outcomes = try Self.storeBatches([first, second, third], in: store, runLength: 3)
        #expect(outcomes == [
            Array(repeating: .inserted, count: 5),
            [.duplicate, .duplicate, .conflict, .inserted, .inserted, .inserted],
            [.duplicate, .duplicate, .duplicate, .inserted, .conflict],
        ])
        let table = try Self.keyTable(store)
        #expect(table.stored.count == 8)
        #expect(table.stored == table.expected)
        #expect(try store.check().problems == [])

        // Again, into a store that has them all: every key is found through the filter built from the table.
        let again = try Self.storeBatches([third, second, first], in: store, runLength: 2)
        #expect(again == [
            [.duplicate, .duplicate, .duplicate, .duplicate, .conflict],
            [.duplicate, .duplicate, .conflict, .duplicate, .duplicate, .duplicate],
            Array(repeating: .duplicate, count: 5),
        ])
        #expect(try Self.keyTable(store).stored == table.stored)
        #expect(try store.backend.hasRecord(id: shared.1))
    }

    @Test("a first ingest of more labels than a run finds each repeated id, however far back")
    func manyRuns() throws {
        let records = try (0..<40).map { try LabelWriterTests.label("in-\($0)", output: "positive", id: "rec-\($0)") }
        let repeats = try [3, 17, 38, 0].map { try LabelWriterTests.label("in-\($0)", output: $0 == 17 ? "negative" : "positive", id: "rec-\($0)") }
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let batches = stride(from: 0, to: records.count, by: 7).map { Array(records[$0..<min($0 + 7, records.count)]) } + [repeats]
        let outcomes = try Self.storeBatches(batches, in: store, runLength: 4)
        #expect(outcomes.dropLast().allSatisfy { $0.allSatisfy { $0 == .inserted } })
        #expect(outcomes.last == [.duplicate, .conflict, .duplicate, .duplicate])
        let table = try Self.keyTable(store)
        #expect(table.stored.count == 40)
        #expect(table.stored == table.expected)
    }

    @Test("check names a label_keys entry that is missing or names the wrong label")
    func checkFindsDamage() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try Self.storeBatches([try (1...3).map { try LabelWriterTests.label("r\($0)") }], in: store, runLength: 8)
        let keys = try store.sqliteBackend.connection.prepare("SELECT id_key, seq FROM labels ORDER BY seq").rows { ($0.int64(0) ?? 0, $0.int64(1) ?? 0) }
        try store.sqliteBackend.connection.execute("""
            DELETE FROM label_keys WHERE seq = \(keys[0].1);
            UPDATE label_keys SET seq = \(keys[2].1) WHERE seq = \(keys[1].1);
            """)
        let problems = try store.check().problems
        #expect(Set(problems) == [
            .idKey(key: keys[0].0, seq: keys[0].1, reason: "the label, not collided, has no entry"),
            .idKey(key: keys[1].0, seq: keys[1].1, reason: "the label, not collided, has no entry"),
            .idKey(key: keys[1].0, seq: keys[2].1, reason: "names a label whose id_key is \(keys[2].0)"),
        ])
    }
}
