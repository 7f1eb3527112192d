import Foundation
import Testing
@testable import CurateKit

@Suite("Bulk loading labels into PostgreSQL")
struct PostgresLabelLoaderTests {
    /// A label of the store's one tuple and ingest; `content` stands for its content hash.
    static func row(_ n: Int, task: String = "sentiment", inputID: String? = nil, content: String = "same", createdAt: Int64? = nil) -> PostgresLabelRow {
        PostgresLabelRow(
            id: "rec-\(n)", contentSHA256: Array("digest \(content)".utf8), tupleID: 1, ingestID: 1, task: task,
            inputID: inputID ?? "in-\(n % 97)", createdAt: createdAt ?? Int64(n) * 1_000, output: "\"positive\"",
            input: "{\"text\":\"row \(n)\\ttab\"}", params: "{\"temperature\":0}", run: "run-1", meta: nil, supersedes: nil)
    }

    /// A store with the tuple and the ingest the rows of ``row(_:task:inputID:content:createdAt:)`` name.
    static func store(_ database: TestDatabase) throws -> PostgresConnection {
        let connection = try database.store()
        try connection.execute("INSERT INTO tuples (origin, model) VALUES ('llm', 'm')")
        try connection.execute("INSERT INTO ingests (ingested_at, sources) VALUES (0, '[]')")
        return connection
    }

    @Test("new labels are stored whole; again they are duplicates; changed content is a conflict", TestDatabase.required)
    func outcomes() throws {
        let database = try TestDatabase()
        let connection = try Self.store(database)
        let rows = (0..<500).map { Self.row($0) }
        #expect(try PostgresLabelLoader.store(rows, in: connection, batchSize: 200) == Array(repeating: .inserted, count: 500))
        let stored = try connection.query("SELECT \(PostgresLabelRow.columns) FROM labels ORDER BY id")
        #expect(try stored.map { try PostgresLabelRow(fields: $0, store: database.url) } == rows.sorted { $0.id < $1.id })

        var again = Array(rows[490...]) + [Self.row(500), Self.row(501)]
        again[3] = Self.row(493, content: "other")
        let outcomes = try PostgresLabelLoader.store(again, in: connection)
        #expect(outcomes == Array(repeating: .duplicate, count: 3) + [.conflict] + Array(repeating: .duplicate, count: 6) + [.inserted, .inserted])
        #expect(try connection.query("SELECT count(*) FROM labels") == [["502"]])
        #expect(try connection.query("SELECT content_sha256 = $1::bytea FROM labels WHERE id = 'rec-493'", ["\\x" + SHA256Hex.hex(Self.row(493).contentSHA256)]) == [["t"]])
    }

    @Test("the same id twice in one batch is stored once, the first; the second is a duplicate or a conflict", TestDatabase.required)
    func withinBatch() throws {
        let database = try TestDatabase()
        let connection = try Self.store(database)
        let batch = [Self.row(1), Self.row(2), Self.row(1), Self.row(2, content: "other"), Self.row(3)]
        #expect(try PostgresLabelLoader.store(batch, in: connection) == [.inserted, .inserted, .duplicate, .conflict, .inserted])
        #expect(try connection.query("SELECT id, encode(content_sha256, 'escape') FROM labels ORDER BY id") == [
            ["rec-1", "digest same"], ["rec-2", "digest same"], ["rec-3", "digest same"],
        ])
    }

    @Test("tuple_labels counts each label stored once, with its first and last created_at", TestDatabase.required)
    func tupleCounts() throws {
        let database = try TestDatabase()
        let connection = try Self.store(database)
        _ = try PostgresLabelLoader.store([Self.row(1, createdAt: 50), Self.row(2, task: "intent", createdAt: 7)], in: connection)
        _ = try PostgresLabelLoader.store([Self.row(1, createdAt: 50), Self.row(3, createdAt: 10), Self.row(4, createdAt: 90)], in: connection)
        #expect(try connection.query("SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels ORDER BY task") == [
            ["intent", "1", "1", "7", "7"], ["sentiment", "1", "3", "10", "90"],
        ])
    }

    @Test("a label holding U+0000 stops the whole load, naming the label and field, and stores nothing", TestDatabase.required)
    func nulStopsTheLoad() throws {
        let database = try TestDatabase()
        let connection = try Self.store(database)
        var bad = Self.row(2)
        bad.inputID = "in\u{0}put"
        #expect(throws: PostgresError.nulCharacter(store: database.url, field: "label rec-2, field input_id")) {
            try PostgresLabelLoader.store([Self.row(1), bad, Self.row(3)], in: connection)
        }
        #expect(try connection.query("SELECT count(*) FROM labels") == [["0"]])
    }

    @Test("six writers with overlapping batches all succeed, and every label is stored once", TestDatabase.required)
    func concurrentWriters() async throws {
        let database = try TestDatabase()
        _ = try Self.store(database)
        let url = database.url
        // Writer w stores labels w*1000 ..< w*1000+3000 in shuffled order: each label is written by up to three writers.
        let outcomes = try await withThrowingTaskGroup(of: [InsertOutcome].self) { group in
            for writer in 0..<6 {
                group.addTask {
                    var generator = SplitMix64(seed: UInt64(writer))
                    let rows = (writer * 1_000..<writer * 1_000 + 3_000).map { Self.row($0) }.shuffled(using: &generator)
                    return try PostgresLabelLoader.store(rows, in: PostgresConnection(url: url), batchSize: 700)
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let connection = try database.connect()
        #expect(try connection.query("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM labels") == [["8000", "8000", "rec-0", "rec-999"]])
        #expect(outcomes.count { $0 == .inserted } == 8_000)
        #expect(outcomes.count { $0 == .duplicate } == 18_000 - 8_000)
        #expect(!outcomes.contains(.conflict))
        #expect(try connection.query("SELECT sum(labels) FROM tuple_labels") == [["8000"]])
    }
}
