import Foundation
import Testing
@testable import CurateKit

/// The side-by-side measurement, run by hand (`CURATE_POSTGRES_BENCH_ROWS=1000000`,
/// a release build, psql on PATH): the loader against `psql \copy` of the same rows into a
/// table with the same indexes, and the export stream against psql's COPY of the same query.
/// It prints the seconds; what it asserts is that both ways store and read the same rows.
@Suite("PostgreSQL loader and export beside psql")
struct PostgresBenchmarkTests {
    static let rows = ProcessInfo.processInfo.environment["CURATE_POSTGRES_BENCH_ROWS"].flatMap { Int($0) }

    @Test(
        "the loader and the export stream store and read what psql does",
        .enabled(if: rows != nil, "a measurement run by hand: set CURATE_POSTGRES_BENCH_ROWS (and CURATE_TEST_POSTGRES)"),
        TestDatabase.required)
    func sideBySide() throws {
        let count = try #require(Self.rows)
        let rows = Self.labels(count)
        let loaded = try TestDatabase()
        let byHand = try TestDatabase()
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("labels.tsv").path
        let clock = ContinuousClock()

        let loader = try PostgresLabelLoaderTests.store(loaded)
        let loadTime = try clock.measure { _ = try PostgresLabelLoader.store(rows, in: loader) }
        var outcomes: [InsertOutcome] = []
        let againTime = try clock.measure { outcomes = try PostgresLabelLoader.store(rows, in: loader) }
        #expect(outcomes == Array(repeating: .duplicate, count: count))
        try Self.psql(loaded.url, "\\copy (SELECT \(PostgresLabelRow.columns) FROM labels ORDER BY seq) TO '\(file)'")
        _ = try PostgresLabelLoaderTests.store(byHand)
        let copyTime = try clock.measure { try Self.psql(byHand.url, "\\copy labels (\(PostgresLabelRow.columns)) FROM '\(file)'") }
        #expect(try byHand.connect().query("SELECT count(*) FROM labels") == [["\(count)"]])
        #expect(try loader.query("SELECT count(*) FROM labels") == [["\(count)"]])
        for database in [loaded, byHand] { try database.connect().execute("VACUUM ANALYZE labels") }

        var exported = 0
        let exportTime = try clock.measure {
            try PostgresLabelReader.labels(ofTask: "sentiment", in: loader) { _ in exported += 1 }
        }
        let query = "SELECT \(PostgresLabelRow.columns) FROM labels WHERE task = 'sentiment' ORDER BY input_id, created_at, id"
        let psqlExportTime = try clock.measure { try Self.psql(byHand.url, "\\copy (\(query)) TO '/dev/null'") }
        #expect(exported == rows.count { $0.task == "sentiment" })

        print("""
            PostgreSQL \(count) labels: loader \(loadTime), psql \\copy \(copyTime) (ratio \(Self.ratio(loadTime, copyTime))); \
            the same again, all duplicates: \(againTime); \
            export of \(exported) sentiment labels: stream \(exportTime), psql \(psqlExportTime) (ratio \(Self.ratio(exportTime, psqlExportTime)))
            """)
    }

    /// `count` labels shaped like the sample's: three tasks, content-hash ids, ~230 bytes of COPY text each.
    static func labels(_ count: Int) -> [PostgresLabelRow] {
        var generator = SplitMix64(seed: 1_000_000)
        let tasks = ["sentiment", "intent", "toxicity"]
        return (0..<count).map { n in
            let task = tasks[generator.below(3)]
            let input = generator.below(count / 2 + 1)
            let id = SHA256Hex.digest(of: "label \(n)")
            return PostgresLabelRow(
                id: id, contentSHA256: Array(id.utf8.prefix(32)), tupleID: 1, ingestID: 1, task: task,
                inputID: String(format: "rev-%06d", input), createdAt: 1_780_000_000_000_000_000 + Int64(n) * 1_000_000_000,
                output: ["\"positive\"", "\"negative\"", "\"neutral\""][generator.below(3)],
                input: "{\"text\":\"The product arrived \(input % 7) days late, but \"works\" fine.\\nWould buy again \(input)\"}",
                params: "{\"max_tokens\":16,\"temperature\":0}", run: "run-20260\(n % 5 + 6)01-\(task)",
                meta: "{\"input_tokens\":\(80 + n % 50),\"latency_ms\":\(200 + n % 300),\"output_tokens\":2}")
        }
    }

    /// Runs one psql meta-command against `url`, failing on any error.
    static func psql(_ url: PostgresURL, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url.connectionString, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql \(command) failed")
    }

    /// `measured` in units of `reference`, to two places.
    static func ratio(_ measured: Duration, _ reference: Duration) -> String {
        String(format: "%.2f", measured / reference)
    }
}
