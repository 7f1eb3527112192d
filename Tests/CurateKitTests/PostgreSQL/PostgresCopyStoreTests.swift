import Foundation
import Testing
@testable import CurateKit

@Suite("Copying a whole store to and from PostgreSQL")
struct PostgresCopyStoreTests {
    /// A SQLite store holding one of everything a store keeps: three ingests (the third reads the
    /// first file again: duplicates, and stored batches), LLM labels whose prompt came with its
    /// text, with its hash only, or by name only (`unknown`), a human label, a label that
    /// supersedes another, texts with tabs, newlines and backslashes; two flags (ids 2 and 3: the
    /// first was removed) and two retractions, of an ingest and of a record.
    static func source(_ folder: TemporaryDirectory) throws -> Store {
        let store = try Store(path: folder.storePath, create: true)
        let first = try folder.write("a.jsonl", [
            IngesterTests.record("in-1"),
            IngesterTests.record("in-2", output: "negative", version: "v2", extra: #","run":"run-1","params":{"temperature":0.5},"meta":{"note":"tab\there\nnewline \\ backslash"},"id":"caller-0""#),
            #"{"task":"intent","input_id":"t-1","input":{"text":"Where is my parcel?"},"output":{"intent":"shipping","score":0.9},"created_at":"2026-06-02T00:00:00.123456789Z","model":"m2","prompt":{"name":"intent","version":"v1"},"id":"caller-1"}"#,
            #"{"task":"sentiment","input_id":"in-1","output":"neutral","created_at":"2026-06-03T00:00:00Z","origin":"human","annotator":"ana"}"#,
        ].joined(separator: "\n") + "\n")
        let second = try folder.write("b.jsonl", [
            #"{"task":"sentiment","input_id":"in-2","output":"positive","created_at":"2026-06-04T00:00:00Z","model":"m","prompt":{"name":"sentiment","version":"v2","sha256":"\#(SHA256Hex.digest(of: "Classify {{input}}"))"},"supersedes":"caller-0","run":"run-2","id":"caller-2"}"#,
            IngesterTests.record("in-3", output: "ça va"),
        ].joined(separator: "\n") + "\n")
        for file in [first, second, first] { _ = try IngesterTests.ingest([file], into: store) }
        let backend = store.backend
        let time = IngesterTests.now
        _ = try backend.addFlag(LabelFlag(kind: .model, target: "m2", reason: "gone", createdAt: time))
        _ = try backend.addFlag(LabelFlag(kind: .run, target: "run-1", reason: "rate limited", createdAt: time))
        _ = try backend.addFlag(LabelFlag(kind: .output, target: "^\"neg", reason: "too harsh", createdAt: time))
        _ = try backend.removeFlag(kind: .model, target: "m2")
        let retractor = Retractor(store: store)
        _ = try retractor.retract(kind: .ingest, selector: "2", reason: "wrong file", at: time)
        _ = try retractor.retract(kind: .record, selector: "caller-1", reason: "bad input", at: time)
        return store
    }

    /// Everything `contents` holds, part by part, as text: equal for equal contents.
    static func everything(_ contents: any StoreContents) throws -> [String] {
        var labels: [CopiedLabel] = []
        try contents.forEachLabel { labels.append($0) }
        var retracted: [CopiedRetractedLabel] = []
        try contents.forEachRetractedLabel { retracted.append($0) }
        return [
            "\(try contents.ingests())", "\(try contents.prompts())", "\(try contents.tuples())", "\(labels)",
            "\(try contents.tupleCounts())", "\(try contents.flags())", "\(try contents.retractions())", "\(retracted)",
            "\(try contents.storedBatches())",
        ]
    }

    @Test("SQLite to PostgreSQL and back: every table of the copy equals the original's, and so does its state", TestDatabase.required)
    func roundTrip() throws {
        let database = try TestDatabase()
        let folder = try TemporaryDirectory()
        let source = try Self.source(folder)
        let postgres = try PostgresStore(url: database.url, create: true)
        let there = try source.backend.readContents(postgres.writeContents)
        #expect(there.labels == 6 && there.ingests == 3 && there.flags == 2 && there.retractions == 2 && there.retractedLabels == 3)
        #expect(there.storedBatches > 0 && there.prompts == 3 && there.tuples == 4 && there.tupleCounts == 4)
        #expect(try postgres.readContents(Self.everything) == source.backend.readContents(Self.everything))

        let back = try Store(path: folder.url.appendingPathComponent("back.sqlite").path, create: true)
        #expect(try postgres.readContents(back.backend.writeContents) == there)
        #expect(try back.dump() == source.dump())
        #expect(try back.backend.state() == source.backend.state())
        let checked = try back.check()
        #expect(checked.isOK && checked.labels == 6 && checked.tupleCounts == 4)
    }

    @Test("after a copy into PostgreSQL, new ingests, prompts, tuples, flags and retractions take the next ids", TestDatabase.required)
    func identitiesGoOn() throws {
        let database = try TestDatabase()
        let folder = try TemporaryDirectory()
        let postgres = try PostgresStore(url: database.url, create: true)
        _ = try Self.source(folder).backend.readContents(postgres.writeContents)
        let connection = postgres.connection
        #expect(try connection.query("INSERT INTO ingests (ingested_at, sources) VALUES (0, '[]') RETURNING id") == [["4"]])
        #expect(try connection.query("INSERT INTO prompts (name, version) VALUES ('p', 'v9') RETURNING id") == [["4"]])
        #expect(try connection.query("INSERT INTO tuples (origin, annotator) VALUES ('human', 'bo') RETURNING id") == [["5"]])
        #expect(try connection.query("INSERT INTO flags (kind, target, reason, created_at) VALUES ('run', 'r', 'x', 0) RETURNING id") == [["4"]])
        #expect(try connection.query("INSERT INTO retractions (kind, target, reason, created_at) VALUES ('run', 'r', 'x', 0) RETURNING id") == [["3"]])
        let label = "INSERT INTO labels (id, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output) VALUES ('n', '\\x00', 5, 4, 't', 'i', 0, '1') RETURNING seq"
        #expect(try connection.query(label) == [["7"]])
    }

    @Test("PostgreSQL to PostgreSQL copies every part", TestDatabase.required)
    func postgresToPostgres() throws {
        let first = try TestDatabase()
        let second = try TestDatabase()
        let folder = try TemporaryDirectory()
        let original = try PostgresStore(url: first.url, create: true)
        _ = try Self.source(folder).backend.readContents(original.writeContents)
        let copy = try PostgresStore(url: second.url, create: true)
        #expect(try original.readContents(copy.writeContents).labels == 6)
        #expect(try copy.readContents(Self.everything) == original.readContents(Self.everything))
    }

    @Test("a PostgreSQL store that holds anything is refused, named, and left as it was", TestDatabase.required)
    func nonEmptyTarget() throws {
        let database = try TestDatabase()
        let folder = try TemporaryDirectory()
        let postgres = try PostgresStore(url: database.url, create: true)
        try postgres.connection.execute("INSERT INTO flags (kind, target, reason, created_at) VALUES ('run', 'r', 'x', 0)")
        #expect(throws: StoreCopyError.targetNotEmpty(store: database.url.description, tables: ["flags"])) {
            try Self.source(folder).backend.readContents(postgres.writeContents)
        }
        #expect(try postgres.connection.query("SELECT (SELECT count(*) FROM flags), (SELECT count(*) FROM labels)") == [["1", "0"]])
    }

    @Test("a copy into PostgreSQL that fails midway leaves the target empty, naming the label that stopped it", TestDatabase.required)
    func failedCopyWritesNothing() throws {
        let database = try TestDatabase()
        let folder = try TemporaryDirectory()
        let source = try Self.source(folder)
        // PostgreSQL text cannot hold U+0000, which a SQLite text can.
        try source.sqliteBackend.connection.execute("UPDATE labels SET meta = 'a' || char(0) || 'b' WHERE id = 'caller-2'")
        let postgres = try PostgresStore(url: database.url, create: true)
        #expect(throws: PostgresError.nulCharacter(store: database.url, field: "label caller-2, field meta")) {
            try source.backend.readContents(postgres.writeContents)
        }
        let counts = try postgres.connection.query(
            "SELECT " + StoreCopier.tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", "))
        #expect(counts == [Array(repeating: "0", count: StoreCopier.tables.count)])
    }
}
