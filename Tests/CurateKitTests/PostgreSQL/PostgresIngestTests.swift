import Foundation
import Testing
@testable import CurateKit

@Suite("Ingesting into a PostgreSQL store")
struct PostgresIngestTests {
    static let classify = #"{"name":"sentiment","version":"v1","text":"Classify {{input}}"}"#

    /// A record line: an LLM label of `prompt` (a JSON object) unless `extra` says otherwise.
    static func line(
        _ input: String, task: String = "sentiment", output: String = "positive", model: String = "m", prompt: String = classify, extra: String = ""
    ) -> String {
        #"{"task":"\#(task)","input_id":"\#(input)","output":"\#(output)","created_at":"2026-06-01T12:00:00Z","model":"\#(model)","prompt":\#(prompt)\#(extra)}"#
    }

    static func label(
        _ input: String, task: String = "sentiment", output: String = "positive", model: String = "m", prompt: String = classify, extra: String = ""
    ) throws -> LabelRecord {
        try RecordParser.parse(line(input, task: task, output: output, model: model, prompt: prompt, extra: extra))
    }

    static func human(_ input: String, output: String = "negative") throws -> LabelRecord {
        try RecordParser.parse(#"{"task":"sentiment","input_id":"\#(input)","output":"\#(output)","created_at":"2026-06-02T08:30:00Z","origin":"human","annotator":"ann"}"#)
    }

    static func id(_ id: String) -> String { #","id":"\#(id)""# }

    /// The intent prompt's v2, first named by its hash alone, its text arriving later.
    static let route = "Route {{input}}"
    static let routeByHash = #"{"name":"intent","version":"v2","sha256":"\#(PromptHash.of(route))"}"#
    static let routeWithText = #"{"name":"intent","version":"v2","text":"\#(route)"}"#

    /// Queues each batch on `writer` and stores it, in order.
    /// - Returns: each batch's outcomes.
    static func store(_ batches: [[LabelRecord]], on writer: any LabelBatchWriter) throws -> [[InsertOutcome]] {
        try batches.map { batch in
            for record in batch {
                try writer.queue(record, key: RecordIDKey.of(record.id), provenance: writer.provenanceNumbers.number(for: ProvenanceTuple(of: record)))
            }
            return try writer.storeQueued().map(\.outcome)
        }
    }

    /// What both backends store, as text a row, surrogate ids replaced by what they stand for.
    /// - Parameter hex: the dialect's lowercase hex of a blob column.
    static func dumpQueries(hex: (String) -> String) -> [(table: String, sql: String)] {
        let tuple = """
            t.origin || '|' || coalesce(t.model, '-') || '|' || coalesce(t.annotator, '-') || '|' || coalesce(p.name, '-') || '|'
            || coalesce(p.version, '-') || '|' || coalesce(p.sha256, '-') || '|' || coalesce(t.hash_status, '-')
            """
        return [
            ("labels", """
                SELECT l.id || '|' || \(hex("l.content_sha256")) || '|' || l.task || '|' || l.input_id || '|' || l.created_at || '|' || l.output
                    || '|' || coalesce(l.input, '-') || '|' || coalesce(l.params, '-') || '|' || coalesce(l.run, '-') || '|' || coalesce(l.meta, '-')
                    || '|' || coalesce(l.supersedes, '-') || '|' || i.ingested_at || '|' || i.sources || '|' || \(tuple)
                FROM labels l JOIN ingests i ON i.id = l.ingest_id JOIN tuples t ON t.id = l.tuple_id LEFT JOIN prompts p ON p.id = t.prompt_id
                """),
            ("prompts", "SELECT name || '|' || version || '|' || coalesce(sha256, '-') || '|' || coalesce(text, '-') FROM prompts"),
            ("tuples", "SELECT \(tuple) FROM tuples t LEFT JOIN prompts p ON p.id = t.prompt_id"),
            ("tuple_labels", """
                SELECT tl.task || '|' || tl.labels || '|' || tl.first_created_at || '|' || tl.last_created_at || '|' || \(tuple)
                FROM tuple_labels tl JOIN tuples t ON t.id = tl.tuple_id LEFT JOIN prompts p ON p.id = t.prompt_id
                """),
            ("ingests", "SELECT ingested_at || '|' || sources FROM ingests"),
            ("stored_batches", """
                SELECT \(hex("sha256")) || '|' || task || '|' || origin || '|' || coalesce(model, '-') || '|' || coalesce(annotator, '-') || '|'
                    || coalesce(prompt_name, '-') || '|' || coalesce(prompt_version, '-') || '|' || coalesce(prompt_sha256, '-') || '|'
                    || coalesce(hash_status, '-') || '|' || records
                FROM stored_batches
                """),
        ]
    }

    /// Every row of the SQLite store, by table, sorted.
    static func dump(_ store: Store) throws -> [String] {
        try dumpQueries { "lower(hex(\($0)))" }.flatMap { table, sql in
            try store.sqliteBackend.connection.prepare(sql).rows { table + ": " + ($0.string(0) ?? "NULL") }.sorted()
        }
    }

    /// Every row of the PostgreSQL store, by table, sorted.
    static func dump(_ store: PostgresStore) throws -> [String] {
        try dumpQueries { "encode(\($0), 'hex')" }.flatMap { table, sql in
            try store.connection.query(sql).map { table + ": " + ($0[0] ?? "NULL") }.sorted()
        }
    }

    /// What one ingest did, as both backends report it.
    struct Report: Equatable {
        var outcomes: [[InsertOutcome]]
        var promptRowsAdded: Int
    }

    /// Either backend, for running the same ingests on both.
    protocol Backend: AnyObject {
        func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T
    }

    /// Runs ingests, each a list of batches, on `backend`.
    /// - Returns: the backend's report of each ingest.
    static func ingest(_ ingests: [[[LabelRecord]]], into backend: any Backend) throws -> [Report] {
        try ingests.enumerated().map { number, batches in
            try backend.ingest(sources: ["part-\(number).jsonl", "-"], ingestedAt: IngesterTests.now) { writer in
                Report(outcomes: try store(batches, on: writer), promptRowsAdded: writer.promptRowsAdded)
            }
        }
    }

    @Test("the same records give SQLite's outcomes, rows and tuple counts", TestDatabase.required)
    func sameAsSQLite() throws {
        let seed = [
            try Self.label("r1", extra: Self.id("req-1")), try Self.label("r2"), try Self.human("r9"),
            try Self.label("q1", task: "intent", output: "buy", model: "m2", prompt: Self.routeByHash),
            try Self.label("q7", task: "intent", output: "ask", prompt: #"{"name":"intent","version":"v1"}"#),
        ]
        let first = [
            try Self.label("r3"),                                                  // new
            seed[1],                                                               // stored before
            try Self.label("r3"),                                                  // earlier in the batch
            try Self.label("r1", output: "negative", extra: Self.id("req-1")),     // conflicts with a stored label
            try Self.label("r4", extra: Self.id("req-9")),                         // new
            try Self.label("r4", output: "negative", extra: Self.id("req-9")),     // conflicts with one earlier in the batch
            try Self.label("q2", task: "intent", output: "buy", model: "m2", prompt: Self.routeWithText,
                           extra: #","run":"job-7","params":{"temperature":0.2},"meta":{"latency_ms":12},"supersedes":"req-0","input":{"text":"a\tb"}"#),
            try Self.label("r5", prompt: #"{"name":"sentiment","version":"v3","text":"Label {{input}}"}"#, extra: Self.id("req-5")),
        ]
        let second = [
            try Self.label("r4", extra: Self.id("req-9")),                         // stored by the batch before
            try Self.label("r5", output: "neutral", extra: Self.id("req-5")),      // conflicts with a label of the batch before
            try Self.human("r10"),                                                 // new
        ]
        let expected = [
            Report(outcomes: [Array(repeating: .inserted, count: 5)], promptRowsAdded: 3),
            Report(outcomes: [
                [.inserted, .duplicate, .duplicate, .conflict, .inserted, .conflict, .inserted, .inserted], [.duplicate, .conflict, .inserted],
            ], promptRowsAdded: 1),
        ]
        let database = try TestDatabase()
        let postgres = try database.backend()
        let folder = try TemporaryDirectory()
        let sqlite = try Store(path: folder.storePath, create: true)
        #expect(try Self.ingest([[seed], [first, second]], into: sqlite.sqliteBackend) == expected)
        #expect(try Self.ingest([[seed], [first, second]], into: postgres) == expected)
        let dump = try Self.dump(postgres)
        #expect(dump == (try Self.dump(sqlite)))
        #expect(dump.contains("prompts: intent|v2|\(PromptHash.of(Self.route))|\(Self.route)"))
        #expect(dump.filter { $0.hasPrefix("labels: ") }.count == 10)
        #expect(dump.filter { $0.hasPrefix("tuple_labels: ") }.map { $0.split(separator: "|").prefix(2).joined(separator: "|") }.sorted() == [
            "tuple_labels: intent|1", "tuple_labels: intent|2", "tuple_labels: sentiment|1", "tuple_labels: sentiment|2", "tuple_labels: sentiment|4",
        ])
    }

    @Test("the writer finds a stored label's input by its record id", TestDatabase.required)
    func storedInput() throws {
        let database = try TestDatabase()
        let postgres = try database.backend()
        let inputs = try postgres.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { writer in
            _ = try writer.add(try Self.label("r1", extra: Self.id("req-1")))
            return [try writer.storedInput(ofRecord: "req-1"), try writer.storedInput(ofRecord: "req-2")].map { $0.map { "\($0.task) \($0.inputID)" } }
        }
        #expect(inputs == ["sentiment r1", nil])
    }

    struct Refusal: Error {}

    @Test("an ingest whose body throws leaves the store as it was, the ingest log too", TestDatabase.required)
    func refusedIngest() throws {
        let database = try TestDatabase()
        let postgres = try database.backend()
        _ = try postgres.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { try $0.add(try Self.label("r1")) }
        let before = try Self.dump(postgres)
        #expect(throws: Refusal.self) {
            try postgres.ingest(sources: ["b"], ingestedAt: IngesterTests.now) { writer in
                _ = try writer.add(try Self.label("r2", prompt: #"{"name":"sentiment","version":"v9","text":"New {{input}}"}"#))
                _ = try writer.add(try Self.human("r3"))
                try writer.addStoredBatch(Array(repeating: 7, count: 32), provenance: [(ProvenanceTuple(of: try Self.human("r3")), 1)])
                throw Refusal()
            }
        }
        #expect(try Self.dump(postgres) == before)
        #expect(try postgres.connection.query("SELECT count(*) FROM ingests") == [["1"]])
    }

    @Test("an ingest that loses a deadlock is not run again: its input is consumed", TestDatabase.required)
    func notRetried() throws {
        let database = try TestDatabase()
        let postgres = try database.backend()
        let deadlock = PostgresError.statementFailed(store: database.url, sqlState: "40P01", message: "deadlock detected")
        var runs = 0
        #expect(throws: deadlock) {
            try postgres.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { writer in
                runs += 1
                _ = try writer.add(try Self.label("r\(runs)"))
                throw deadlock
            }
        }
        #expect(runs == 1)
        #expect(try postgres.connection.query("SELECT (SELECT count(*) FROM labels), (SELECT count(*) FROM ingests)") == [["0", "0"]])
    }

    @Test("stored batches come back with the provenance recorded, as from SQLite", TestDatabase.required)
    func storedBatches() throws {
        let digest: StoredBatchDigest = Array(0..<32)
        let provenance = [
            (ProvenanceTuple(of: try Self.human("r1")), 2),
            (ProvenanceTuple(of: try Self.label("q1", task: "intent", prompt: #"{"name":"intent","version":"v1"}"#)), 3),
            (ProvenanceTuple(of: try Self.label("r2")), 1),
        ]
        let database = try TestDatabase()
        let postgres = try database.backend()
        let folder = try TemporaryDirectory()
        let sqlite = try Store(path: folder.storePath, create: true)
        for backend in [postgres, sqlite.sqliteBackend] as [any Backend] {
            try backend.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { writer in
                #expect(writer.storedBatchDigests.isEmpty)
                try writer.addStoredBatch(digest, provenance: provenance)
                try writer.addStoredBatch(digest, provenance: [provenance[0]])  // recorded already: left as it is
                #expect(writer.storedBatchDigests == [digest])
            }
            let found = try backend.ingest(sources: ["b"], ingestedAt: IngesterTests.now) { writer in
                #expect(writer.storedBatchDigests == [digest])
                #expect(throws: (any Error).self) { try writer.storedBatchProvenance(of: digest, lines: 7) }
                return try writer.storedBatchProvenance(of: digest, lines: 6).sorted { $0.tuple < $1.tuple }
            }
            #expect(found.map(\.tuple) == provenance.map(\.0).sorted())
            #expect(found.map(\.records) == provenance.sorted { $0.0 < $1.0 }.map(\.1))
        }
        #expect(try Self.dump(postgres) == Self.dump(sqlite))
    }

    @Test("a stored batch whose counts do not add up to its lines is a bad value naming the batch", TestDatabase.required)
    func mismatchedStoredBatch() throws {
        let database = try TestDatabase()
        let postgres = try database.backend()
        let digest: StoredBatchDigest = Array(repeating: 0xAB, count: 32)
        try postgres.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { writer in
            try writer.addStoredBatch(digest, provenance: [(ProvenanceTuple(of: try Self.human("r1")), 2)])
        }
        let expected = PostgresError.badValue(
            store: database.url, table: "stored_batches", row: "row with sha256 \(SHA256Hex.hex(digest))", column: "records",
            value: "2 records in all for a batch of 3 lines")
        #expect(throws: expected) {
            try postgres.ingest(sources: ["b"], ingestedAt: IngesterTests.now) { try $0.storedBatchProvenance(of: digest, lines: 3) }
        }
    }

    @Test("a text holding U+0000 stops the ingest, naming the label and field, and stores nothing", TestDatabase.required, arguments: [
        (#"{"task":"sentiment","input_id":"in\u0000put","output":"x","created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"p","version":"v1"}}"#, "input_id"),
        (#"{"task":"sentiment","input_id":"in","output":"x","created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"p","version":"v1","text":"a\u0000b"}}"#, "prompt.text"),
        (#"{"task":"sentiment","input_id":"in","output":"x","created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"a\u0000b"}"#, "annotator"),
    ])
    func nulCharacter(line: String, field: String) throws {
        let database = try TestDatabase()
        let postgres = try database.backend()
        let bad = try RecordParser.parse(line)
        #expect(throws: PostgresError.nulCharacter(store: database.url, field: "label \(bad.id), field \(field)")) {
            try postgres.ingest(sources: ["a"], ingestedAt: IngesterTests.now) { writer in
                try Self.store([[try Self.label("r1"), bad, try Self.label("r2")]], on: writer)
            }
        }
        #expect(try postgres.connection.query("SELECT (SELECT count(*) FROM labels), (SELECT count(*) FROM ingests), (SELECT count(*) FROM prompts)") == [["0", "0", "0"]])
    }

    /// Outcomes gathered from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [InsertOutcome] = []
        private var errors: [String] = []

        func add(_ result: Result<[InsertOutcome], any Error>) {
            lock.withLock {
                switch result {
                case .success(let outcomes): self.outcomes += outcomes
                case .failure(let error): errors.append("\(error)")
                }
            }
        }

        var all: (outcomes: [InsertOutcome], errors: [String]) { lock.withLock { (outcomes, errors) } }
    }

    @Test("eight writers ingesting overlapping records at once all succeed, every record stored once", TestDatabase.required)
    func concurrentIngests() throws {
        let database = try TestDatabase()
        _ = try database.backend()
        let url = database.url
        // Writer w ingests records w*300 ..< w*300+900, shuffled, 100 a batch: most records come from three writers.
        let records = try (0..<3_000).map { n in
            n % 7 == 0 ? try Self.human("in-\(n)")
                : try Self.label("in-\(n)", model: "m\(n % 2)", prompt: n % 3 == 0 ? Self.routeWithText : Self.classify)
        }
        let results = Results()
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for writer in 0..<8 {
            done.enter()
            Thread {
                defer { done.leave() }
                results.add(Result {
                    let store = try PostgresStore(url: url)
                    var generator = SplitMix64(seed: UInt64(writer))
                    let mine = Array(records[writer * 300..<writer * 300 + 900]).shuffled(using: &generator)
                    ready.signal()
                    go.wait()
                    return try store.ingest(sources: ["writer-\(writer)"], ingestedAt: IngesterTests.now) { batchWriter in
                        try Self.store(stride(from: 0, to: mine.count, by: 100).map { Array(mine[$0..<$0 + 100]) }, on: batchWriter).flatMap { $0 }
                    }
                })
            }.start()
        }
        for _ in 0..<8 { ready.wait() }
        for _ in 0..<8 { go.signal() }
        done.wait()

        let (outcomes, errors) = results.all
        #expect(errors == [])
        #expect(outcomes.count { $0 == .inserted } == 3_000)
        #expect(outcomes.count { $0 == .duplicate } == 8 * 900 - 3_000)
        let connection = try database.connect()
        #expect(try connection.query("SELECT count(*), count(DISTINCT id) FROM labels") == [["3000", "3000"]])
        #expect(try connection.query("SELECT sum(labels) FROM tuple_labels") == [["3000"]])
        #expect(try connection.query("SELECT (SELECT count(*) FROM ingests), (SELECT count(*) FROM prompts), (SELECT count(*) FROM tuples)") == [["8", "2", "5"]])
    }
}

extension SQLiteStore: PostgresIngestTests.Backend {}
extension PostgresStore: PostgresIngestTests.Backend {}
