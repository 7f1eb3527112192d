import Testing
@testable import CurateKit

@Suite("Label counts per tuple")
struct TupleLabelsTests {
    /// A hashless record of `sentiment@v1` made at `time` (seconds of 2026-06-01T12:00).
    static func record(_ input: String, second: Int, task: String = "sentiment") -> String {
        let time = "2026-06-01T12:00:\(second < 10 ? "0" : "")\(second)Z"
        return #"{"task":"\#(task)","input_id":"\#(input)","output":"x","created_at":"\#(time)","model":"m","prompt":{"name":"sentiment","version":"v1"}}"#
    }

    /// The kept counts, and the same counted from the labels themselves: they must agree.
    static func keptAndCounted(_ store: Store) throws -> (kept: [String], counted: [String]) {
        func lines(_ sql: String) throws -> [String] {
            try store.sqliteBackend.connection.prepare(sql).rows { row in
                (0..<5).map { String(row.int64($0) ?? -1) }.joined(separator: " ") + " " + (row.string(5) ?? "")
            }
        }
        let kept = try lines("""
            SELECT tuple_id, labels, first_created_at, last_created_at, 0, task FROM tuple_labels ORDER BY task, tuple_id
            """)
        let counted = try lines("""
            SELECT tuple_id, count(*), min(created_at), max(created_at), 0, task FROM labels GROUP BY task, tuple_id ORDER BY task, tuple_id
            """)
        return (kept, counted)
    }

    @Test("ingests add to the counts and span of each task and tuple; duplicates and refused ingests add nothing")
    func ingestsKeepCounts() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let first = try folder.write("a.jsonl", [Self.record("a", second: 20), Self.record("b", second: 30), Self.record("c", second: 25, task: "intent")].joined(separator: "\n"))
        _ = try IngesterTests.ingest([first], into: store)
        let second = try folder.write("b.jsonl", [Self.record("a", second: 20), Self.record("d", second: 5)].joined(separator: "\n"))
        _ = try IngesterTests.ingest([second], into: store)
        let refused = try folder.write("c.jsonl", Self.record("e", second: 1) + "\nnot json\n")
        #expect(throws: IngestError.self) { try IngesterTests.ingest([refused], into: store) }

        let stats = try store.tupleStats()
        #expect(stats.map(\.tuple.task) == ["intent", "sentiment"])
        #expect(stats.map(\.labels) == [1, 3])
        #expect(stats.last?.firstCreatedAt.rfc3339 == "2026-06-01T12:00:05Z")
        #expect(stats.last?.lastCreatedAt.rfc3339 == "2026-06-01T12:00:30Z")
        let check = try Self.keptAndCounted(store)
        #expect(check.kept == check.counted)
    }

    @Test("a duplicate whose prompt now resolves to another tuple adds no count to that tuple")
    func duplicateInAnotherTupleAddsNothing() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try IngesterTests.ingest([try folder.write("a.jsonl", Self.record("a", second: 10))], into: store)
        // The text of sentiment@v1 arrives with a new record; the hashless "a" then resolves to
        // it, a tuple that has no labels, and is a duplicate of the "a" stored unresolved.
        let carrier = Self.record("b", second: 20).replacingOccurrences(of: #""version":"v1"}"#, with: #""version":"v1","text":"Classify"}"#)
        let again = try folder.write("b.jsonl", [carrier, Self.record("a", second: 10)].joined(separator: "\n"))
        let resolver = PromptResolver(promptsFolder: folder.url.appendingPathComponent("prompts"), store: store, useGit: false)
        let summary = try Ingester(store: store, policy: .refuse, ingestedAt: IngesterTests.now, resolver: resolver).run(paths: [again])
        #expect(summary.new == 1)
        #expect(summary.duplicates == 1)
        #expect(summary.perTuple.values.map(\.duplicates).sorted() == [0, 1])
        let check = try Self.keptAndCounted(store)
        #expect(check.kept == check.counted)
    }

    @Test("labels moved to another prompt text move their counts")
    func reassignmentMovesCounts() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let file = try folder.write("a.jsonl", [Self.record("a", second: 10), Self.record("b", second: 20), Self.record("c", second: 30)].joined(separator: "\n"))
        _ = try IngesterTests.ingest([file], into: store)
        let unplaced = try store.unplacedLabels()
        let text = "Classify {{input}}"
        let prompt = PromptRef(name: "sentiment", version: "v1", sha256: PromptHash.of(text))
        let moved = try store.backend.reassignPrompts([PromptAssignment(labels: Array(unplaced.prefix(2)), prompt: prompt, text: text, hashStatus: .inferredGit)])
        #expect(moved == 2)

        let stats = try store.tupleStats()
        #expect(stats.map(\.labels).sorted() == [1, 2])
        #expect(stats.first { $0.tuple.hashStatus == .inferredGit }?.labels == 2)
        let check = try Self.keptAndCounted(store)
        #expect(check.kept == check.counted)
    }
}
