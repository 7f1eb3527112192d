@testable import CurateKit

extension PostgresLabelLoader {
    /// Stores `rows` in batches of `batchSize` in one write transaction of `connection`,
    /// tuple counts included, retried whole when it loses a conflict with another writer.
    /// - Returns: each row's outcome, in order (see ``load(_:)``).
    static func store(_ rows: [PostgresLabelRow], in connection: PostgresConnection, batchSize: Int = 20_000) throws -> [InsertOutcome] {
        try connection.transaction {
            let loader = PostgresLabelLoader(connection: connection)
            var outcomes: [InsertOutcome] = []
            outcomes.reserveCapacity(rows.count)
            for start in stride(from: 0, to: rows.count, by: batchSize) {
                outcomes += try loader.load(Array(rows[start..<min(start + batchSize, rows.count)]))
            }
            try loader.storeTupleCounts()
            return outcomes
        }
    }
}
