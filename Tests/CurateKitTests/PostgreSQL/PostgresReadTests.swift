import Foundation
import Testing
@testable import CurateKit

/// The read side of the PostgreSQL store against the SQLite one: the same labels, ingested
/// into a SQLite store and copied row for row into a PostgreSQL one, read back the same
/// through every method.
@Suite("Reading a PostgreSQL store as the SQLite one reads")
struct PostgresReadTests {
    /// A label record line; `extra` adds members (an id, run, params, supersedes …).
    static func record(
        _ task: String, _ input: String, _ output: String, at time: String, prompt: String = #"{"name":"sentiment","version":"v1","text":"Classify {{input}}"}"#,
        extra: String = ""
    ) -> String {
        #"{"task":"\#(task)","input_id":"\#(input)","output":"\#(output)","created_at":"2026-06-01T\#(time)Z","model":"m1","prompt":\#(prompt)\#(extra)}"#
    }

    /// Two ingests of labels made to catch what a backend can get wrong: inputs whose byte
    /// order differs from a locale's, equal creation times, runs whose names look like SQL
    /// array syntax, params, a human label, name-only prompts (resolved and unknown), a
    /// superseding label, caller ids and content-hash ids; then a retraction.
    static func fill(_ folder: TemporaryDirectory) throws -> any StoreBackend {
        let v2 = #"{"name":"sentiment","version":"v2","text":"Classify {{input}} carefully"}"#
        let first = try folder.write("first.jsonl", [
            record("sentiment", "B", "positive", at: "10:00:00", extra: #","id":"rec-1","run":"run \"q\",1","params":{"temperature":0}"#),
            record("sentiment", "a", "negative", at: "10:00:01", extra: #","id":"rec-2","run":"NULL","meta":{"ms":12}"#),
            record("sentiment", "a", "positive", at: "10:00:01", extra: #","id":"rec_3","run":"{a,b}","params":{"temperature":1}"#),
            record("sentiment", "é", "neutral", at: "10:00:02", extra: #","params":{"temperature":0},"input":{"text":"tab\there"}"#),
            record("sentiment", "Z", "positive", at: "10:00:03", prompt: #"{"name":"sentiment","version":"v9"}"#),
            record("sentiment", "a b", "negative", at: "10:00:04", extra: #","run":"run \"q\",1""#),
            record("intent", "a", "\\\\billing", at: "10:00:05", prompt: #"{"name":"intent","version":"v1","text":"Route {{input}}"}"#, extra: #","id":"rec%4""#),
            #"{"task":"sentiment","input_id":"a","output":"negative","created_at":"2026-06-01T09:00:00Z","origin":"human","annotator":"ann","id":"rec-h"}"#,
        ].joined(separator: "\n"))
        let second = try folder.write("second.jsonl", [
            record("sentiment", "B", "negative", at: "11:00:00", prompt: v2, extra: #","id":"rec-5","supersedes":"rec-1","run":"run-2""#),
            record("sentiment", "b", "positive", at: "11:00:01", prompt: #"{"name":"sentiment","version":"v1"}"#, extra: #","run":"run-2""#),
            record("intent", "A", "sales", at: "11:00:02", prompt: #"{"name":"intent","version":"v1","text":"Route {{input}}"}"#),
        ].joined(separator: "\n"))
        let store = try Store(path: folder.storePath, create: true)
        _ = try IngesterTests.ingest([first], into: store)
        _ = try IngesterTests.ingest([second], into: store)
        _ = try store.backend.retract(kind: .record, target: "rec-2", reason: "typo", at: IngesterTests.now)
        return store.backend
    }

    /// A PostgreSQL store holding what the SQLite store `sqlite` holds, row ids included: the
    /// labels through ``PostgresLabelLoader`` (which counts `tuple_labels` itself), the rest copied.
    static func mirror(_ sqlite: any StoreBackend, into database: TestDatabase) throws -> PostgresStore {
        let source = try #require(sqlite as? SQLiteStore).connection
        let store = try PostgresStore(url: database.url, create: true)
        func copy(_ table: String, _ columns: [String], from select: String? = nil) throws {
            let rows = try source.prepare(select ?? "SELECT \(columns.joined(separator: ", ")) FROM \(table)").rows { row in
                columns.indices.map { row.string(Int32($0)) }
            }
            let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            for row in rows {
                try store.connection.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", row)
            }
        }
        try copy("prompts", ["id", "name", "version", "sha256", "text"])
        try copy("tuples", ["id", "origin", "model", "annotator", "prompt_id", "hash_status"])
        try copy("ingests", ["id", "ingested_at", "sources"])
        let labels = try source.prepare("""
            SELECT id, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, supersedes, content_sha256
            FROM labels ORDER BY seq
            """).rows { row in
            PostgresLabelRow(
                id: row.string(0) ?? "", contentSHA256: row.withBlob(12) { Array($0) }, tupleID: row.int64(1) ?? 0,
                ingestID: row.int64(2) ?? 0, task: row.string(3) ?? "", inputID: row.string(4) ?? "", createdAt: row.int64(5) ?? 0,
                output: row.string(6) ?? "", input: row.string(7), params: row.string(8), run: row.string(9), meta: row.string(10),
                supersedes: row.string(11))
        }
        _ = try PostgresLabelLoader.store(labels, in: store.connection)
        try copy("retractions", ["id", "kind", "target", "reason", "created_at"])
        try copy("retracted_labels", ["label_id", "retraction_id"], from: """
            SELECT l.id, r.retraction_id FROM retracted_labels r JOIN labels l ON l.seq = r.label_seq
            """)
        return store
    }

    /// One streamed row, copied out of the columns it was read from.
    struct StreamedRow: Equatable {
        let texts: [String?]
        let createdAt: Int64
        let tupleID: Int64
        let retraction: Int64?
        let contentSHA256: [UInt8]

        init(_ columns: any StoredLabelColumns) throws {
            texts = try StoredLabel.Text.allCases.map { text in try columns.withText(text) { $0.map { String(decoding: $0, as: UTF8.self) } } }
            createdAt = try columns.createdAt()
            tupleID = try columns.tupleID()
            retraction = try columns.retraction()
            contentSHA256 = try columns.withContentSHA256 { Array($0) }
        }

        /// (task, input_id, created_at), the order rows stream in, as UTF-8 bytes.
        var order: [UInt8] {
            Array((texts[0] ?? "").utf8) + [0] + Array((texts[1] ?? "").utf8) + [0] + withUnsafeBytes(of: UInt64(bitPattern: createdAt ^ Int64.min).bigEndian, Array.init)
        }
    }

    /// The rows `query` streams from `store`, checked to come in (task, input_id, created_at)
    /// byte order; rows tied on that order sorted by id, which the stream leaves open.
    /// (The PostgreSQL store conforms to ``StoreBackend`` only once every part of it is in, so
    /// this takes the method.)
    static func stream(
        _ forEachStoredLabel: (LabelQuery, (any StoredLabelColumns) throws -> Void) throws -> Void, _ query: LabelQuery
    ) throws -> [StreamedRow] {
        var rows: [StreamedRow] = []
        try forEachStoredLabel(query) { rows.append(try StreamedRow($0)) }
        #expect(zip(rows, rows.dropFirst()).allSatisfy { !$1.order.lexicographicallyPrecedes($0.order) })
        return rows.enumerated().sorted { left, right in
            left.element.order != right.element.order ? left.offset < right.offset
                : (left.element.texts[2] ?? "").utf8.lexicographicallyPrecedes((right.element.texts[2] ?? "").utf8)
        }.map(\.element)
    }

    @Test("every read method returns on PostgreSQL what it returns on SQLite for the same labels", TestDatabase.required)
    func sameAsSQLite() throws {
        let folder = try TemporaryDirectory()
        let database = try TestDatabase()
        let sqlite = try Self.fill(folder)
        let postgres = try Self.mirror(sqlite, into: database)

        let catalog = try sqlite.exportCatalog()
        #expect(catalog.count == 6)
        #expect(try postgres.exportCatalog() == catalog)

        let all = catalog.map(\.tupleID)
        let queries = [
            LabelQuery(tupleIDs: all),
            LabelQuery(tupleIDs: all, readsRetractions: true),
            LabelQuery(tupleIDs: all, tasks: ["intent", "no such task"]),
            LabelQuery(tupleIDs: Array(all.prefix(2)), tasks: ["sentiment"], readsParams: true),
            LabelQuery(tupleIDs: all, since: 1_780_308_001_000_000_000, until: 1_780_311_601_000_000_000),
            LabelQuery(tupleIDs: all, excludedRuns: ["run \"q\",1", "NULL", "{a,b}"]),
            LabelQuery(tupleIDs: all, ingestedThrough: 1, readsRetractions: true),
            LabelQuery(tupleIDs: []),
        ]
        for query in queries {
            let expected = try Self.stream(sqlite.forEachStoredLabel, query)
            #expect(try Self.stream(postgres.forEachStoredLabel, query) == expected, "\(query)")
        }
        #expect(try Self.stream(sqlite.forEachStoredLabel, queries[0]).count == 11)
        #expect(try Self.stream(sqlite.forEachStoredLabel, queries[1]).contains { $0.retraction != nil })
        #expect(try Self.stream(sqlite.forEachStoredLabel, queries[5]).count == 7)

        #expect(try postgres.runs(tasks: []) == sqlite.runs(tasks: []))
        #expect(try postgres.runs(tasks: ["sentiment"]) == ["NULL", "run \"q\",1", "run-2", "{a,b}"])
        for (run, tasks) in [("run-2", [String]()), ("run-2", ["intent"]), ("{a,b}", ["sentiment", "x"]), ("nope", [])] {
            #expect(try postgres.hasRun(run, tasks: tasks) == sqlite.hasRun(run, tasks: tasks))
            #expect(try postgres.labelCount(run: run) == sqlite.labelCount(run: run))
        }
        var outputs: [[String]] = [[], []]
        try sqlite.forEachOutput { outputs[0].append($0) }
        try postgres.forEachOutput { outputs[1].append($0) }
        #expect(outputs[1].sorted() == outputs[0].sorted())
        #expect(outputs[0].count == 11)

        #expect(try postgres.state(throughIngest: nil) == sqlite.state())
        #expect(try postgres.state(throughIngest: 1) == sqlite.state(throughIngest: 1))
        #expect(try postgres.state(throughIngest: 1).labels == 8)
        #expect(try postgres.lastIngestID() == 2)

        let ids = try Self.stream(sqlite.forEachStoredLabel, queries[0]).compactMap { $0.texts[2] }
        for id in ids + ["missing"] {
            let expected = try sqlite.labelDetail(id: id)
            let detail = try postgres.labelDetail(id: id)
            #expect(detail?.detail == expected?.detail)
            #expect(detail?.tupleID == expected?.tupleID)
            #expect(detail?.retractionID == expected?.retractionID)
        }
        for prefix in ["rec", "rec-", "rec_", "rec%", "rec\\", "", "zz"] {
            #expect(try postgres.labelIDs(prefix: prefix, limit: 3) == sqlite.labelIDs(prefix: prefix, limit: 3), "prefix \(prefix)")
        }
        #expect(try postgres.labelIDs(prefix: "rec_", limit: 10) == ["rec_3"])
        #expect(try postgres.labelIDs(superseding: "rec-1", task: "sentiment", inputID: "B") == ["rec-5"])
        #expect(try postgres.labelIDs(superseding: "rec-1", task: "sentiment", inputID: "B") == sqlite.labelIDs(superseding: "rec-1", task: "sentiment", inputID: "B"))

        #expect(try postgres.tupleStats() == sqlite.tupleStats())
        #expect(try postgres.tupleStats().map(\.retracted).reduce(0, +) == 1)
        #expect(String(describing: try postgres.paramSets()) == String(describing: try sqlite.paramSets()))
        #expect(try postgres.promptUsage() == sqlite.promptUsage())
        let hash = PromptHash.of("Classify {{input}}")
        #expect(try postgres.promptText(sha256: hash) == "Classify {{input}}")
        #expect(try postgres.promptText(sha256: "0000") == nil)
        for (name, version, prefix) in [("sentiment", "v1", ""), ("sentiment", "v1", String(hash.prefix(7))), ("sentiment", "v9", ""), ("intent", "v1", "x")] {
            #expect(try postgres.promptHashes(name: name, version: version, prefix: prefix) == sqlite.promptHashes(name: name, version: version, prefix: prefix))
        }
        let known = try (postgres.knownHashes(), sqlite.knownHashes())
        for version in [PromptVersion(name: "sentiment", version: "v1"), PromptVersion(name: "sentiment", version: "v9")] {
            #expect(try known.0.of(version) == known.1.of(version))
        }
        #expect(try known.0.of(PromptVersion(name: "sentiment", version: "v1")) == [hash])
    }

    @Test("an empty store reads as empty, with the digest of no ids", TestDatabase.required)
    func emptyStore() throws {
        let database = try TestDatabase()
        let store = try PostgresStore(url: database.url, create: true)
        #expect(try store.state(throughIngest: nil) == StoreState(labels: 0, idsSHA256: StoreStateTests.expectedDigest([]), lastIngest: 0))
        #expect(try store.lastIngestID() == nil)
        #expect(try store.exportCatalog().isEmpty)
        #expect(try store.labelCount(run: "r") == 0)
        #expect(try store.labelDetail(id: "r") == nil)
    }

    @Test("texts become array elements as they are: quotes, commas, braces, NULL, backslashes", TestDatabase.required)
    func arrayLiterals() throws {
        let database = try TestDatabase()
        let texts = ["plain", "", "NULL", "a,b", "{x}", "say \"hi\"", "back\\slash", " spaced ", "日本 🎉"]
        let rows = try database.connect().query("SELECT unnest($1::text[])", [PostgresArray.literal(texts)])
        #expect(rows.map { $0[0] } == texts)
        #expect(try database.connect().query("SELECT $1::bigint[]", [PostgresArray.literal([3, -1, Int64.max])]) == [["{3,-1,\(Int64.max)}"]])
    }

    @Test("a damaged value is reported by table, row and column, never read as a default", TestDatabase.required)
    func damagedValues() throws {
        let folder = try TemporaryDirectory()
        let database = try TestDatabase()
        let store = try Self.mirror(try Self.fill(folder), into: database)
        let tupleID = try #require(try store.exportCatalog().first { $0.tuple.origin == .human }?.tupleID)
        try store.connection.execute("ALTER TABLE tuples DROP CONSTRAINT tuples_origin_check")
        try store.connection.execute("UPDATE tuples SET origin = 'robot' WHERE id = $1", [String(tupleID)])
        let robot = PostgresError.badValue(store: database.url, table: "tuples", row: "row id \(tupleID)", column: "origin", value: "robot")
        #expect(throws: robot) { try store.exportCatalog() }
        #expect(throws: robot) { try store.tupleStats() }
        #expect(throws: robot) { try store.labelDetail(id: "rec-h") }

        try store.connection.execute("ALTER TABLE labels ALTER COLUMN created_at DROP NOT NULL")
        try store.connection.execute("UPDATE labels SET created_at = NULL WHERE id = 'rec-1'")
        #expect(throws: PostgresError.badValue(store: database.url, table: "labels", row: "row id rec-1", column: "created_at", value: "NULL")) {
            try store.forEachStoredLabel(LabelQuery(tupleIDs: Array(1...10))) { _ = try $0.createdAt() }
        }

        try store.connection.execute("UPDATE ingests SET sources = 'not json' WHERE id = 2")
        #expect(throws: PostgresError.badValue(store: database.url, table: "ingests", row: "row id 2", column: "sources", value: "not json")) {
            try store.labelDetail(id: "rec-5")
        }
    }
}
