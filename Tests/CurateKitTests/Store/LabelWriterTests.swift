import Testing
@testable import CurateKit

@Suite("Storing a batch of labels")
struct LabelWriterTests {
    /// 64-hex-digit ids are keyed by their first 16 digits: these two share a key.
    static let sharedKeyIDs = (
        String(repeating: "c", count: 16) + String(repeating: "0", count: 48),
        String(repeating: "c", count: 16) + String(repeating: "1", count: 48)
    )

    static func label(_ input: String, output: String = "positive", id: String? = nil) throws -> LabelRecord {
        try RecordParser.parse(IngesterTests.record(input, output: output, extra: id.map { #","id":"\#($0)""# } ?? ""))
    }

    /// A store holding `seed`, one label at a time.
    static func store(seeded seed: [LabelRecord], in folder: TemporaryDirectory) throws -> Store {
        let store = try Store(path: folder.storePath, create: true)
        try store.backend.ingest(sources: ["seed"], ingestedAt: IngesterTests.now) { writer throws in
            for record in seed { #expect(try writer.add(record) == .inserted) }
        }
        return store
    }

    /// Queues each batch on one writer of `store` and stores it, in order.
    /// - Returns: each batch's outcomes.
    static func storeBatches(_ batches: [[LabelRecord]], in store: Store) throws -> [[InsertOutcome]] {
        try store.backend.ingest(sources: ["batches"], ingestedAt: IngesterTests.now) { writer in
            try batches.map { batch in
                for record in batch {
                    try writer.queue(record, key: RecordIDKey.of(record.id), provenance: writer.provenanceNumbers.number(for: ProvenanceTuple(of: record)))
                }
                return try writer.storeQueued().map(\.outcome)
            }
        }
    }

    /// Every stored label as (id, collided, output), sorted by id.
    static func labels(in store: Store) throws -> [String] {
        try store.sqliteBackend.connection.prepare("SELECT id || ' ' || collided || ' ' || output FROM labels ORDER BY id").rows { $0.string(0) ?? "" }
    }

    @Test("a batch stores new labels once, in order, and tells duplicates and conflicts, stored or earlier in the batch")
    func mixedBatch() throws {
        let seed = [try Self.label("r1", id: "req-1"), try Self.label("r2")]
        let batch = [
            try Self.label("r3"),                                      // new
            seed[1],                                                   // stored already
            try Self.label("r3"),                                      // earlier in the batch
            try Self.label("r1", output: "negative", id: "req-1"),     // conflicts with a stored label
            try Self.label("r4", id: "req-9"),                         // new
            try Self.label("r4", output: "negative", id: "req-9"),     // conflicts with one earlier in the batch
            try Self.label("r5", id: Self.sharedKeyIDs.0),             // new
            try Self.label("r6", id: Self.sharedKeyIDs.1),             // new, its id key taken just before
            try Self.label("r6", id: Self.sharedKeyIDs.1),             // that one again
            try Self.label("r7"),                                      // new
        ]
        let expected: [InsertOutcome] = [.inserted, .duplicate, .duplicate, .conflict, .inserted, .conflict, .inserted, .inserted, .duplicate, .inserted]

        let folders = (try TemporaryDirectory(), try TemporaryDirectory())
        let batched = try Self.store(seeded: seed, in: folders.0)
        #expect(try Self.storeBatches([batch], in: batched) == [expected])

        let oneByOne = try Self.store(seeded: seed, in: folders.1)
        let outcomes = try oneByOne.backend.ingest(sources: ["one by one"], ingestedAt: IngesterTests.now) { writer in
            try batch.map { try writer.add($0) }
        }
        #expect(outcomes == expected)
        #expect(try Self.labels(in: batched) == Self.labels(in: oneByOne))
        #expect(try Self.labels(in: batched).filter { $0.hasPrefix(Self.sharedKeyIDs.1) } == [Self.sharedKeyIDs.1 + #" 1 "positive""#])

        // The labels inserted by the batch's one statement keep the batch's order.
        let order = try batched.sqliteBackend.connection.prepare("SELECT input_id FROM labels WHERE collided = 0 ORDER BY seq").rows { $0.string(0) ?? "" }
        #expect(order == ["r1", "r2", "r3", "r4", "r5", "r7"])
    }

    @Test("a batch of labels with distinct ids is stored in export order, so one input's labels lie together")
    func batchStoredInExportOrder() throws {
        func label(_ task: String, _ input: String, day: Int) throws -> LabelRecord {
            try RecordParser.parse(#"{"task":"\#(task)","input_id":"\#(input)","output":"x","created_at":"2026-06-\#(day)T12:00:00Z","model":"m","prompt":{"name":"p","version":"v1","text":"T {{input}}"}}"#)
        }
        let batch = [
            try label("topic", "b", day: 12), try label("sentiment", "b", day: 11), try label("topic", "a", day: 13),
            try label("sentiment", "b", day: 10), try label("sentiment", "a", day: 14), try label("sentiment", "B", day: 15),
        ]
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        #expect(try Self.storeBatches([batch], in: store) == [Array(repeating: .inserted, count: batch.count)])

        let order = try store.sqliteBackend.connection.prepare("SELECT task || ' ' || input_id || ' ' || substr(datetime(created_at / 1000000000, 'unixepoch'), 9, 2) FROM labels ORDER BY seq")
            .rows { $0.string(0) ?? "" }
        #expect(order == ["sentiment B 15", "sentiment a 14", "sentiment b 10", "sentiment b 11", "topic a 13", "topic b 12"])
    }

    @Test("after a batch that was stored already, the next still stores what is new and finds what is stored")
    func batchAfterStoredBatch() throws {
        let seed = [try Self.label("r1"), try Self.label("r2"), try Self.label("r3", id: "req-3")]
        let folder = try TemporaryDirectory()
        let store = try Self.store(seeded: seed, in: folder)
        let batch = [
            seed[0],                                                   // stored already
            try Self.label("r4", id: Self.sharedKeyIDs.0),             // new
            try Self.label("r5", id: Self.sharedKeyIDs.1),             // new, its id key taken just before
            try Self.label("r3", output: "negative", id: "req-3"),     // conflicts with a stored label
            try Self.label("r6"),                                      // new
            try Self.label("r6"),                                      // earlier in the batch
        ]
        // The last batch holds a label stored as `collided` by the second: its key names another
        // label, and it is found as a duplicate all the same.
        let outcomes = try Self.storeBatches([seed, batch, seed, [batch[2]]], in: store)
        #expect(outcomes == [
            [.duplicate, .duplicate, .duplicate], [.duplicate, .inserted, .inserted, .conflict, .inserted, .duplicate],
            [.duplicate, .duplicate, .duplicate], [.duplicate],
        ])
        #expect(try store.backend.hasRecord(id: Self.sharedKeyIDs.0))
        #expect(try store.backend.hasRecord(id: Self.sharedKeyIDs.1))
        #expect(try Self.labels(in: store).count == 6)
        #expect(try store.tupleStats().map(\.labels) == [6])
    }
}
