import Foundation
import Testing
@testable import CurateKit


@Suite("PostgreSQL flags, retractions, backfill and check do what SQLite's do")
struct PostgresFlagsTests {
    /// A SQLite store and a PostgreSQL store holding the same rows, ids included.
    struct Twins {
        let folder: TemporaryDirectory
        let store: Store
        let database: TestDatabase
        let postgres: PostgresStore
        var sqlite: SQLiteStore { store.sqliteBackend }

        /// Runs `sql` on both stores.
        func execute(_ sql: String) throws {
            try sqlite.connection.execute(sql)
            try postgres.connection.execute(sql)
        }

        /// The rows `sql` selects from each store, every value as text: (SQLite's, PostgreSQL's).
        func rows(_ sql: String, columns: Int32) throws -> ([[String?]], [[String?]]) {
            let fromSQLite = try sqlite.connection.prepare(sql).rows { row in (0..<columns).map { row.string($0) } }
            return (fromSQLite, try postgres.connection.query(sql))
        }
    }

    /// ``StoreCheckTests/filledStore()`` (every shape of record, one ingest), with `more` records
    /// ingested after it, and a PostgreSQL store with a copy of its rows.
    static func twins(more: [String] = []) throws -> Twins {
        let (folder, store) = try StoreCheckTests.filledStore()
        if !more.isEmpty {
            _ = try IngesterTests.ingest([try folder.write("more.jsonl", more.joined(separator: "\n") + "\n")], into: store)
        }
        let database = try TestDatabase()
        let postgres = try database.backend()
        try copyRows(of: store.sqliteBackend, to: postgres)
        return Twins(folder: folder, store: store, database: database, postgres: postgres)
    }

    /// Copies the prompts, tuples, ingests and labels of `sqlite`, ids included, into `postgres`;
    /// the label loader counts `tuple_labels`, and each id sequence goes on after the ids copied.
    static func copyRows(of sqlite: SQLiteStore, to postgres: PostgresStore) throws {
        let tables = [
            ("prompts", "id, name, version, sha256, text"), ("tuples", "id, origin, model, annotator, prompt_id, hash_status"),
            ("ingests", "id, ingested_at, sources"),
        ]
        for (table, columns) in tables {
            let count = Int32(columns.split(separator: ",").count)
            let rows = try sqlite.connection.prepare("SELECT \(columns) FROM \(table) ORDER BY id").rows { row in (0..<count).map { row.string($0) } }
            let values = (1...count).map { "$\($0)" }.joined(separator: ", ")
            for row in rows { try postgres.connection.execute("INSERT INTO \(table) (\(columns)) VALUES (\(values))", row) }
            _ = try postgres.connection.query("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), max(id)) FROM \(table)")
        }
        let labels = try sqlite.connection.prepare("SELECT \(PostgresLabelRow.columns) FROM labels ORDER BY seq").rows { row in
            PostgresLabelRow(
                id: row.string(0)!, contentSHA256: row.withBlob(1) { Array($0) }, tupleID: row.int64(2)!, ingestID: row.int64(3)!,
                task: row.string(4)!, inputID: row.string(5)!, createdAt: row.int64(6)!, output: row.string(7)!, input: row.string(8),
                params: row.string(9), run: row.string(10), meta: row.string(11), supersedes: row.string(12))
        }
        _ = try PostgresLabelLoader.store(labels, in: postgres.connection)
    }

    static func at(_ nanoseconds: Int64) -> Timestamp { Timestamp(nanosecondsSinceEpoch: nanoseconds) }

    /// What flagging steps returned: each add, each removal, and the list after each step.
    struct FlagSteps: Equatable {
        var added: [LabelFlag] = []
        var removed: [Bool] = []
        var listed: [[LabelFlag]] = []
    }

    fileprivate static func flagSteps(_ store: some StoreBackend) throws -> FlagSteps {
        var steps = FlagSteps()
        for flag in [
            LabelFlag(kind: .run, target: "run-1", reason: "bad batch", createdAt: at(30)),
            LabelFlag(kind: .prompt, target: "sentiment@v2#\(PromptHash.of("one"))", reason: "noisy", createdAt: at(10)),
            LabelFlag(kind: .prompt, target: "sentiment@v2#\(PromptHash.of("one"))", reason: "said again", createdAt: at(20)),
            LabelFlag(kind: .record, target: "callers-own-id", reason: "typo", createdAt: at(5)),
        ] {
            steps.added.append(try store.addFlag(flag))
            steps.listed.append(try store.flags())
        }
        for (kind, target) in [(FlagKind.run, "run-1"), (.run, "run-1"), (.model, "m1")] {
            steps.removed.append(try store.removeFlag(kind: kind, target: target))
            steps.listed.append(try store.flags())
        }
        return steps
    }

    @Test("flags: add, the same flag again, list by kind then target, remove", TestDatabase.required)
    func flags() throws {
        let twins = try Self.twins()
        let sqlite = try Self.flagSteps(twins.sqlite)
        #expect(try Self.flagSteps(twins.postgres) == sqlite)
        let prompt = "sentiment@v2#\(PromptHash.of("one"))"
        #expect(sqlite.added.map(\.reason) == ["bad batch", "noisy", "noisy", "typo"])
        #expect(sqlite.removed == [true, false, false])
        #expect(sqlite.listed.last?.map(\.target) == [prompt, "callers-own-id"])
    }

    @Test("processes adding the same flag at once all succeed; one is stored, and each gets it back", TestDatabase.required)
    func concurrentAdds() async throws {
        let database = try TestDatabase()
        _ = try database.backend()
        let url = database.url
        let returned = try await withThrowingTaskGroup(of: LabelFlag.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    try PostgresStore(url: url).addFlag(LabelFlag(kind: .model, target: "gpt-*", reason: "writer \(writer)", createdAt: Self.at(Int64(writer))))
                }
            }
            return try await group.reduce(into: [LabelFlag]()) { $0.append($1) }
        }
        let stored = try database.backend().flags()
        #expect(stored.count == 1)
        #expect(returned.count == 6)
        #expect(Set(returned) == Set(stored))
    }

    /// What retraction steps returned, and the journal after them.
    struct RetractSteps: Equatable {
        var outcomes: [RetractionOutcome] = []
        var journal: [Retraction] = []
        var counts: [Int64: Int] = [:]
    }

    fileprivate static func retractSteps(_ store: some StoreBackend, record: String) throws -> RetractSteps {
        var steps = RetractSteps()
        let targets: [(RetractionKind, String)] = [
            (.record, record), (.run, "run-2"), (.run, "run-2"), (.ingest, "2"), (.ingest, "1"), (.ingest, "x"), (.record, "no-such-id"),
        ]
        for (step, (kind, target)) in targets.enumerated() {
            steps.outcomes.append(try store.retract(kind: kind, target: target, reason: "step \(step)", at: at(Int64(step))))
        }
        steps.journal = try store.retractions()
        steps.counts = try store.retractedLabelCounts()
        return steps
    }

    @Test("retract a record, a run, an ingest, and again: nothing new is written, earlier retractions are named", TestDatabase.required)
    func retractions() throws {
        let more = (1...3).map { #"{"task":"intent","input_id":"x\#($0)","output":"a","created_at":"2026-06-06T00:00:00Z","origin":"human","annotator":"cy","run":"run-2"}"# }
        let twins = try Self.twins(more: more)
        let (ids, _) = try twins.rows("SELECT id FROM labels WHERE input_id = 'd'", columns: 1)
        let record = try #require(ids.first?.first ?? nil)
        let sqlite = try Self.retractSteps(twins.sqlite, record: record)
        #expect(try Self.retractSteps(twins.postgres, record: record) == sqlite)
        #expect(sqlite.outcomes.map(\.retraction?.id) == [1, 2, nil, nil, 3, nil, nil])
        #expect(sqlite.outcomes.map(\.retracted) == [1, 3, 0, 0, 7, 0, 0])
        #expect(sqlite.outcomes.map(\.alreadyRetracted) == [0, 1, 4, 3, 1, 0, 0])
        #expect(sqlite.outcomes.map(\.earlierRetractions) == [[], [1], [1, 2], [2], [1], [], []])
        #expect(sqlite.journal.map(\.target) == [record, "run-2", "1"])
        #expect(sqlite.counts == [1: 1, 2: 3, 3: 7])
    }

    @Test("backfill: the same unplaced labels; reassigning moves them, recounts tuple_labels, and a stale reassignment moves none", TestDatabase.required)
    func reassign() throws {
        let twins = try Self.twins()
        let unplaced = try twins.sqlite.unplacedLabels()
        #expect(try twins.postgres.unplacedLabels() == unplaced)
        #expect(unplaced.count == 3)
        let intentText = "Intent of {{input}}"
        let assignments = [("sentiment", "v3", StoreCheckTests.hashOfV3a, nil), ("intent", "v9", PromptHash.of(intentText), intentText)].map {
            name, version, hash, text in
            PromptAssignment(
                labels: unplaced.filter { $0.version == PromptVersion(name: name, version: version) },
                prompt: PromptRef(name: name, version: version, sha256: hash), text: text, hashStatus: .inferredGit)
        }
        for store in [twins.sqlite as any StoreBackend, twins.postgres] {
            #expect(try store.reassignPrompts(assignments) == 3)
            #expect(try store.unplacedLabels().isEmpty)
            #expect(try store.reassignPrompts(assignments) == 0)
        }
        for (sql, columns) in [
            ("SELECT id, tuple_id FROM labels ORDER BY id", 2 as Int32),
            ("SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels ORDER BY task, tuple_id", 5),
            ("SELECT id, origin, model, annotator, prompt_id, hash_status FROM tuples ORDER BY id", 6),
            ("SELECT id, name, version, sha256, text FROM prompts ORDER BY id", 5),
        ] {
            let (sqlite, postgres) = try twins.rows(sql, columns: columns)
            #expect(postgres == sqlite, "\(sql)")
        }
        #expect(try twins.postgres.check().problems == [])
    }

    /// `report` as the PostgreSQL store's report of the same store would be: its path, no pages.
    static func asPostgres(_ report: StoreCheckReport, of twins: Twins) -> StoreCheckReport {
        var report = report
        report.path = twins.postgres.location
        report.pages = nil
        return report
    }

    @Test("check finds nothing in a good store, and reports what SQLite's finds", TestDatabase.required)
    func checkGoodStore() throws {
        let twins = try Self.twins()
        let report = try twins.postgres.check()
        #expect(report == Self.asPostgres(try twins.sqlite.check(), of: twins))
        #expect(report.isOK)
        #expect((report.labels, report.tuples, report.tupleCounts) == (StoreCheckTests.records.count, 7, 7))
        #expect(report.path == twins.database.url.description)
    }

    @Test("check finds an output updated by hand, a tuple count changed by hand, and a damaged tuple, as SQLite's does", TestDatabase.required)
    func checkDamage() throws {
        let twins = try Self.twins()
        try twins.execute(#"UPDATE labels SET output = '"negative"' WHERE input_id = 'c'"#)
        try twins.execute("UPDATE tuple_labels SET labels = labels + 1 WHERE tuple_id = (SELECT tuple_id FROM labels WHERE input_id = 'g')")
        try twins.execute("UPDATE tuples SET model = NULL WHERE id = (SELECT tuple_id FROM labels WHERE input_id = 'f')")
        let (changed, _) = try twins.rows("SELECT id, seq, tuple_id FROM labels WHERE input_id IN ('c', 'f', 'g') ORDER BY input_id", columns: 3)
        let report = try twins.postgres.check()
        #expect(report == Self.asPostgres(try twins.sqlite.check(), of: twins))
        let (c, f, g) = (changed[0], changed[1], changed[2])
        let damaged = try #require(f[2])
        let counted = try #require(g[2].flatMap { Int64($0) })
        #expect(report.problems.contains(.contentChanged(labelID: c[0] ?? "", seq: Int64(c[1] ?? "") ?? 0)))
        #expect(report.problems.contains(.badValue(table: "tuples", row: "row id \(damaged)", column: "model", value: "NULL")))
        #expect(report.problems.contains(.unverifiable(tupleID: Int64(damaged) ?? 0, labels: 1)))
        #expect(report.problems.contains { problem in
            if case .tupleCounts("intent", counted, let stored?, let labels?) = problem { stored.labels == labels.labels + 1 } else { false }
        })
        #expect(report.problemCount == 4)
    }

    @Test("a table the server cannot read is a problem of the report, and the other checks still run", TestDatabase.required)
    func checkMissingTable() throws {
        let twins = try Self.twins()
        try twins.postgres.connection.execute("DROP TABLE tuple_labels")
        let report = try twins.postgres.check()
        #expect(report.labels == StoreCheckTests.records.count)
        #expect(report.problems.count == 1)
        guard case .unreadable(let part, let message)? = report.problems.first else {
            Issue.record("expected the tuple_labels part to be unreadable: \(report.problems)")
            return
        }
        #expect(part == "tuple_labels")
        #expect(message.hasPrefix("PostgreSQL error 42P01"))
    }
}
