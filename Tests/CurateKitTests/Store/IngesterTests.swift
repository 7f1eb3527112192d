import Foundation
import Testing
@testable import CurateKit

@Suite("Ingest into the store")
struct IngesterTests {
    static let now = Timestamp(nanosecondsSinceEpoch: 1_790_000_000_000_000_000)

    static func record(_ input: String, output: String = "positive", version: String = "v1", extra: String = "") -> String {
        #"{"task":"sentiment","input_id":"\#(input)","output":"\#(output)","created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"sentiment","version":"\#(version)","text":"Classify {{input}}"}\#(extra)}"#
    }

    static func ingest(_ paths: [String], into store: Store, policy: Ingester.BadLinePolicy = .refuse) throws -> IngestSummary {
        try Ingester(store: store, policy: policy, ingestedAt: now).run(paths: paths)
    }

    @Test("stores new records and counts them per provenance tuple")
    func storesRecords() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("a.jsonl", [Self.record("r1"), Self.record("r2"), Self.record("r3", version: "v2")].joined(separator: "\n") + "\n")
        let store = try Store(path: folder.storePath, create: true)
        let summary = try Self.ingest([file], into: store)
        #expect(summary.lines == 3)
        #expect(summary.new == 3)
        #expect(summary.duplicates == 0)
        let hash = PromptHash.of("Classify {{input}}")
        let v1 = ProvenanceTuple(task: "sentiment", origin: .llm, model: "m", annotator: nil, prompt: PromptRef(name: "sentiment", version: "v1", sha256: hash), hashStatus: .recorded)
        #expect(summary.perTuple[v1]?.new == 2)
        let stats = try store.tupleStats()
        #expect(stats.map(\.labels) == [2, 1])
        #expect(stats.first?.tuple == v1)
    }

    @Test("ingesting the same file twice adds nothing and reports duplicates")
    func idempotent() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("a.jsonl", [Self.record("r1"), Self.record("r2")].joined(separator: "\n"))
        let store = try Store(path: folder.storePath, create: true)
        _ = try Self.ingest([file], into: store)
        let labelsBefore = try store.dump().filter { $0.hasPrefix("labels:") }
        let again = try Self.ingest([file], into: store)
        #expect(again.new == 0)
        #expect(again.duplicates == 2)
        #expect(try store.dump().filter { $0.hasPrefix("labels:") } == labelsBefore)
    }

    @Test("two ids that share an id key are both stored, found again and checked for conflicts")
    func collidingIDKeys() throws {
        // 64-hex-digit ids are keyed by their first 16 digits: these two share a key.
        let first = String(repeating: "c", count: 16) + String(repeating: "0", count: 48)
        let second = String(repeating: "c", count: 16) + String(repeating: "1", count: 48)
        #expect(RecordIDKey.of(first) == RecordIDKey.of(second))
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let lines = [Self.record("r1", extra: #","id":"\#(first)""#), Self.record("r2", extra: #","id":"\#(second)""#)]
        let file = try folder.write("a.jsonl", lines.joined(separator: "\n"))
        #expect(try Self.ingest([file], into: store).new == 2)
        let again = try Self.ingest([file, file], into: store)
        #expect(again.new == 0)
        #expect(again.duplicates == 4)
        #expect(try store.backend.hasRecord(id: first))
        #expect(try store.backend.hasRecord(id: second))
        let changed = try folder.write("b.jsonl", Self.record("r2", output: "negative", extra: #","id":"\#(second)""#))
        #expect(throws: IngestError.self) { try Self.ingest([changed], into: store) }
        #expect(try store.tupleStats().map(\.labels) == [2])
    }

    @Test("a duplicate within one invocation is stored once")
    func duplicateWithinInvocation() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("a.jsonl", [Self.record("r1"), Self.record("r1")].joined(separator: "\n"))
        let summary = try Self.ingest([file, file], into: try Store(path: folder.storePath, create: true))
        #expect(summary.new == 1)
        #expect(summary.duplicates == 3)
    }

    @Test("a bad line refuses the whole invocation and leaves the store exactly as it was")
    func refusedInvocationChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try Self.ingest([try folder.write("seed.jsonl", Self.record("r0"))], into: store)
        let before = try store.dump()
        let good = try folder.write("good.jsonl", Self.record("r1"))
        let bad = try folder.write("bad.jsonl", [Self.record("r2"), #"{"task":"sentiment"}"#, Self.record("r3")].joined(separator: "\n"))
        #expect(throws: IngestError.refused(problems: [.invalidRecord(source: bad, line: 2, problem: .missingField("input_id"))], total: 1)) {
            try Self.ingest([good, bad], into: store)
        }
        #expect(try store.dump() == before)
    }

    @Test("several bad lines are all counted, the first few listed")
    func listsProblems() throws {
        let folder = try TemporaryDirectory()
        let lines = (1...15).map { _ in "?? not json" }
        let file = try folder.write("bad.jsonl", lines.joined(separator: "\n"))
        do {
            _ = try Self.ingest([file], into: try Store(path: folder.storePath, create: true))
            Issue.record("a bad file was accepted")
        } catch let IngestError.refused(problems, total) {
            #expect(total == 15)
            #expect(problems.count == Ingester.listedProblems)
            #expect(problems.first == .invalidRecord(source: file, line: 1, problem: .notJSON(offset: 0, reason: "unexpected character, expected a value")))
        }
    }

    @Test("the same id with different content is a conflict, never an overwrite")
    func conflict() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let first = try folder.write("a.jsonl", Self.record("r1", extra: #","id":"req-1""#))
        _ = try Self.ingest([first], into: store)
        let before = try store.dump()
        let second = try folder.write("b.jsonl", Self.record("r1", output: "negative", extra: #","id":"req-1""#))
        #expect(throws: IngestError.refused(problems: [.conflict(source: second, line: 1, id: "req-1")], total: 1)) {
            try Self.ingest([second], into: store)
        }
        #expect(try store.dump() == before)
    }

    @Test("skip-invalid stores the good lines and writes the bad ones verbatim to the reject file")
    func skipInvalid() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let badLines = [#"{"task":"sentiment", "input_id": 7}"#, "  garbage \t"]
        let file = try folder.write("mixed.jsonl", [Self.record("r1"), badLines[0], Self.record("r2"), badLines[1]].joined(separator: "\r\n") + "\r\n")
        let rejects = folder.url.appendingPathComponent("rejects.jsonl").path
        var warnings: [IngestError] = []
        let summary = try Ingester(store: store, policy: .reject(to: rejects), ingestedAt: Self.now)
            .run(paths: [file], warning: { warnings.append($0) })
        #expect(summary.new == 2)
        #expect(summary.rejected == 2)
        #expect(summary.rejectPath == rejects)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == badLines.joined(separator: "\n") + "\n")
        #expect(warnings.first == .invalidRecord(source: file, line: 2, problem: .wrongType(field: "input_id", expected: "a string", found: "a number")))
        #expect(try store.tupleStats().map(\.labels) == [2])
    }

    @Test("a clean ingest with skip-invalid leaves no reject file")
    func noEmptyRejectFile() throws {
        let folder = try TemporaryDirectory()
        let rejects = folder.url.appendingPathComponent("rejects.jsonl").path
        let summary = try Self.ingest([try folder.write("a.jsonl", Self.record("r1"))], into: try Store(path: folder.storePath, create: true), policy: .reject(to: rejects))
        #expect(summary.rejectPath == nil)
        #expect(!FileManager.default.fileExists(atPath: rejects))
    }

    @Test("blank lines are skipped but still count for line numbers")
    func blankLines() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("a.jsonl", "\n" + Self.record("r1") + "\n   \n{}\n")
        #expect(throws: IngestError.refused(problems: [.invalidRecord(source: file, line: 4, problem: .missingField("task"))], total: 1)) {
            try Self.ingest([file], into: try Store(path: folder.storePath, create: true))
        }
    }

    @Test("lines longer than the read chunk are read whole")
    func longLines() throws {
        let folder = try TemporaryDirectory()
        let long = Self.record("r1", extra: #","meta":{"blob":"\#(String(repeating: "x", count: 10_000))"}"#)
        let file = try folder.write("a.jsonl", [long, Self.record("r2")].joined(separator: "\n"))
        let reader = try LineReader(path: file, chunkSize: 1024)
        var lines: [String] = []
        while let batch = try reader.nextBatch(path: file) {
            lines += batch.lines.map { String(decoding: batch.bytes[$0.range], as: UTF8.self) }
        }
        #expect(lines == [long, Self.record("r2")])
    }

    @Test("a missing file is reported, not created")
    func missingFile() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("nope.jsonl").path
        #expect(throws: IngestError.unreadable(path: path, reason: "No such file or directory")) {
            try Self.ingest([path], into: try Store(path: folder.storePath, create: true))
        }
    }

    @Test("a prompt's text is kept when it first comes with a later record of the same provenance")
    func keepsPromptTextArrivingLater() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let hash = PromptHash.of("Classify {{input}}")
        let hashOnly = Self.record("r1").replacingOccurrences(of: #""text":"Classify {{input}}""#, with: #""sha256":"\#(hash)""#)
        _ = try Self.ingest([try folder.write("a.jsonl", [hashOnly, Self.record("r2")].joined(separator: "\n"))], into: store)
        let prompts = try store.dump().filter { $0.hasPrefix("prompts:") }
        #expect(prompts == ["prompts: 1|'sentiment'|'v1'|'\(hash)'|'Classify {{input}}'"])
    }

    @Test("the prompt text a record carried is kept once in the store")
    func keepsPromptText() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try Self.ingest([try folder.write("a.jsonl", [Self.record("r1"), Self.record("r2")].joined(separator: "\n"))], into: store)
        let prompts = try store.dump().filter { $0.hasPrefix("prompts:") }
        #expect(prompts == ["prompts: 1|'sentiment'|'v1'|'\(PromptHash.of("Classify {{input}}"))'|'Classify {{input}}'"])
    }
}
