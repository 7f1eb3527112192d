import Foundation
import Testing
@testable import CurateKit

@Suite("Streaming labels out of PostgreSQL in export order")
struct PostgresLabelReaderTests {
    @Test("one task's labels come through COPY TO STDOUT in (input_id, created_at, id) byte order", TestDatabase.required)
    func exportOrder() throws {
        let database = try TestDatabase()
        let connection = try PostgresLabelLoaderTests.store(database)
        // Byte order differs from a locale's: capitals before small letters, accents after 'z'.
        let inputs = ["b", "B", "a", "A", "é", "e", "z", "Z", "a b", "a-b", "ab", "日本", "🎉", "a\tb", "a\\b"]
        var generator = SplitMix64(seed: 18)
        var rows: [PostgresLabelRow] = []
        for (n, input) in inputs.enumerated() {
            for copy in 0..<3 {
                // Two labels of an input share a created_at, so the record id decides between them.
                let createdAt = Int64(generator.below(2)) * 1_000
                let id = ["rec-Z", "rec-a", "rec-é"][copy] + "-\(n)"
                rows.append(PostgresLabelRow(
                    id: id, contentSHA256: [UInt8(n), UInt8(copy)], tupleID: 1, ingestID: 1, task: "sentiment", inputID: input,
                    createdAt: createdAt, output: "\"\(copy)\"", input: nil, params: nil, run: nil, meta: "{\"n\":\(n)}", supersedes: nil))
            }
            rows.append(PostgresLabelLoaderTests.row(1_000 + n, task: "intent", inputID: input))
        }
        rows.shuffle(using: &generator)
        _ = try PostgresLabelLoader.store(rows, in: connection)

        var streamed: [PostgresLabelRow] = []
        let count = try PostgresLabelReader.labels(ofTask: "sentiment", in: connection) { streamed.append($0) }
        let expected = rows.filter { $0.task == "sentiment" }.sorted { left, right in
            if left.inputID != right.inputID { return left.inputID.utf8.lexicographicallyPrecedes(right.inputID.utf8) }
            if left.createdAt != right.createdAt { return left.createdAt < right.createdAt }
            return left.id.utf8.lexicographicallyPrecedes(right.id.utf8)
        }
        #expect(count == inputs.count * 3)
        #expect(streamed == expected)
    }

    @Test("a stored value curate never writes stops the stream, naming table, row and column", TestDatabase.required)
    func badValue() throws {
        let database = try TestDatabase()
        let connection = try PostgresLabelLoaderTests.store(database)
        _ = try PostgresLabelLoader.store([PostgresLabelLoaderTests.row(1)], in: connection)
        try connection.execute("ALTER TABLE labels ALTER COLUMN output DROP NOT NULL")
        try connection.execute("UPDATE labels SET output = NULL")
        #expect(throws: PostgresError.badValue(store: database.url, table: "labels", row: "row id rec-1", column: "output", value: "NULL")) {
            try PostgresLabelReader.labels(ofTask: "sentiment", in: connection) { _ in }
        }
    }
}
