import Foundation
import Testing
@testable import CurateKit

@Suite("Checking the store")
struct StoreCheckTests {
    static let hashOfV3a = PromptHash.of("Rate {{input}}, first text")
    static let hashOfV3b = PromptHash.of("Rate {{input}}, second text")

    /// Records of every shape a content hash covers: a prompt sent as its hash, as its text (with
    /// CRLF), by name only (resolved through a template file, ambiguous through the lock, unknown),
    /// human labels, every optional field, and strings that need escaping.
    static let records = [
        #"{"task":"sentiment","input_id":"a","output":"positive","created_at":"2026-06-01T12:00:00+02:00","model":"m1","prompt":{"name":"sentiment","version":"v1","sha256":"\#(PromptHash.of("one"))"},"input":{"text":"Great \"really\"\n","n":[1,2.50,{"b":null,"a":true}]},"params":{"temperature":0.2,"seed":7},"run":"run-1","meta":{"latency_ms":412}}"#,
        #"{"task":"sentiment","input_id":"b","output":{"label":"negative","why":"é ☃ \u0001"},"created_at":"2026-06-01T12:00:00.123456789Z","model":"m1","prompt":{"name":"sentiment","version":"v2","text":"Classify\r\n{{input}}\r\n"}}"#,
        #"{"task":"sentiment","input_id":"c","output":"neutral","created_at":"2026-06-02T00:00:00Z","model":"m2","prompt":{"name":"sentiment","version":"v2"}}"#,
        #"{"task":"sentiment","input_id":"d","output":"neutral","created_at":"2026-06-03T00:00:00Z","model":"m2","prompt":{"name":"sentiment","version":"v3"},"run":"run-2"}"#,
        #"{"task":"sentiment","input_id":"e","output":"neutral","created_at":"2026-06-04T00:00:00Z","model":"m2","prompt":{"name":"sentiment","version":"v3"}}"#,
        #"{"task":"intent","input_id":"f","output":"billing","created_at":"2026-06-05T00:00:00Z","model":"m2","prompt":{"name":"intent","version":"v9"}}"#,
        #"{"task":"intent","input_id":"g","output":["a","b"],"created_at":"2026-06-05T00:00:00Z","origin":"human","annotator":"ana","meta":{"note":"tab\there"}}"#,
        #"{"task":"intent","input_id":"h","output":3,"created_at":"2026-06-05T00:00:00Z","origin":"human","annotator":"bo","id":"callers-own-id"}"#,
    ]

    /// A store holding ``records``, with `prompts/` giving `sentiment@v2` one text (so the
    /// name-only record resolves) and the lock two for `sentiment@v3` (so its records are ambiguous).
    static func filledStore() throws -> (TemporaryDirectory, Store) {
        let folder = try TemporaryDirectory()
        try folder.write("prompts/sentiment/v2.txt", "Classify\n{{input}}\n")
        try folder.write("prompts/prompts.lock", "# curate.prompts.lock/1\nsentiment@v3 \(hashOfV3a)\nsentiment@v3 \(hashOfV3b)\n")
        let store = try Store(path: folder.storePath, create: true)
        let file = try folder.write("labels.jsonl", records.joined(separator: "\n") + "\n")
        let resolver = PromptResolver(promptsFolder: folder.url.appendingPathComponent("prompts"), store: store, useGit: false)
        let summary = try Ingester(store: store, policy: .refuse, ingestedAt: IngesterTests.now, resolver: resolver).run(paths: [file])
        #expect(summary.new == records.count)
        let statuses = try store.tupleStats().compactMap(\.tuple.hashStatus).map(\.rawValue)
        #expect(Set(statuses) == ["recorded", "resolved", "ambiguous", "unknown"])
        return (folder, store)
    }

    @Test("an untouched store passes: every label of every shape hashes to its stored content hash")
    func untouchedStore() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        let report = try store.check()
        #expect(report.problems == [])
        #expect(report.isOK)
        #expect(report.labels == Self.records.count)
        #expect(report.tuples == 7)
        #expect(report.tupleCounts == 7)
        #expect((report.pages ?? 0) > 0)
    }

    @Test("labels placed by backfill keep their content hash: it covers the prompt as the record stated it")
    func afterBackfill() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        let unplaced = try store.unplacedLabels()
        #expect(unplaced.count == 3)
        for (index, version) in [("sentiment", "v3"), ("intent", "v9")].enumerated() {
            let labels = unplaced.filter { $0.version == PromptVersion(name: version.0, version: version.1) }
            let prompt = PromptRef(name: version.0, version: version.1, sha256: [Self.hashOfV3a, PromptHash.of("intent")][index])
            try store.backend.reassignPrompts([PromptAssignment(labels: labels, prompt: prompt, text: nil, hashStatus: .inferredGit)])
        }
        #expect(try store.unplacedLabels().isEmpty)
        let report = try store.check()
        #expect(report.problems == [])
        #expect(report.labels == Self.records.count)
    }

    @Test("a label whose output changed is named by its id and seq")
    func changedOutput() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        try store.sqliteBackend.connection.execute(#"UPDATE labels SET output = '"negative"' WHERE input_id = 'c'"#)
        let changed = try store.sqliteBackend.connection.prepare("SELECT id, seq FROM labels WHERE input_id = 'c'").rows { ($0.string(0) ?? "", $0.int64(1) ?? 0) }
        let report = try store.check()
        #expect(report.problems == [.contentChanged(labelID: changed[0].0, seq: changed[0].1)])
        #expect(!report.isOK)
    }

    @Test("labels given another time, or whose tuple names another model, no longer match")
    func changedProvenance() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        try store.sqliteBackend.connection.execute("""
            UPDATE labels SET created_at = created_at + 1 WHERE input_id = 'a';
            UPDATE tuples SET model = 'm3' WHERE id = (SELECT tuple_id FROM labels WHERE input_id = 'd');
            """)
        let ids = try store.sqliteBackend.connection.prepare("SELECT id FROM labels WHERE input_id IN ('a', 'd', 'e') ORDER BY seq").rows { $0.string(0) ?? "" }
        let problems = try store.check().problems
        #expect(problems.compactMap { if case .contentChanged(let id, _) = $0 { id } else { nil } } == ids)
        // The time also left the span kept for a's tuple behind.
        #expect(problems.dropFirst(ids.count).map { if case .tupleCounts(let task, _, _, _) = $0 { task } else { "\($0)" } } == ["sentiment"])
    }

    @Test("label counts or time spans per tuple that disagree with the labels are named")
    func tupleCounts() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        try store.sqliteBackend.connection.execute("""
            UPDATE tuple_labels SET labels = labels + 1 WHERE task = 'intent' AND tuple_id = (SELECT tuple_id FROM labels WHERE input_id = 'g');
            DELETE FROM tuple_labels WHERE tuple_id = (SELECT tuple_id FROM labels WHERE input_id = 'h');
            """)
        let report = try store.check()
        #expect(report.problems.count == 2)
        for problem in report.problems {
            guard case .tupleCounts(let task, _, let stored, let labels) = problem else {
                Issue.record("unexpected \(problem)")
                continue
            }
            #expect(task == "intent")
            #expect(labels?.labels == 1)
            #expect(stored == nil || stored?.labels == 2)
        }
    }

    @Test("a damaged tuple is named, and its labels are counted as not re-hashed")
    func damagedTuple() throws {
        let (folder, store) = try Self.filledStore()
        defer { withExtendedLifetime(folder) {} }
        try store.sqliteBackend.connection.execute("""
            PRAGMA ignore_check_constraints = ON;
            UPDATE tuples SET origin = 'oracle' WHERE id = (SELECT tuple_id FROM labels WHERE input_id = 'g');
            """)
        let tupleID = try #require(try store.sqliteBackend.connection.prepare("SELECT tuple_id FROM labels WHERE input_id = 'g'").rows { $0.int64(0) }.first ?? nil)
        let report = try store.check()
        #expect(report.problems == [
            .badValue(table: "tuples", row: "row id \(tupleID)", column: "origin", value: "'oracle'"),
            .unverifiable(tupleID: tupleID, labels: 1),
        ])
    }
}
