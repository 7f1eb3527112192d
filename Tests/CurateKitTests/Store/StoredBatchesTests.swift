import Foundation
import Testing
@testable import CurateKit

@Suite("Ingest skips input batches it stored whole before")
struct StoredBatchesTests {
    /// `count` records from `start` on, of two prompt versions and two models, about 250 bytes
    /// each: 4,200 of them fill more than one of the reader's 1 MiB batches.
    static func lines(_ count: Int, from start: Int = 0) -> [String] {
        (start..<start + count).map { index in
            IngesterTests.record(
                "in-\(index)", version: index % 3 == 0 ? "v2" : "v1",
                extra: #","params":{"model_variant":"m\#(index % 2)"},"meta":{"latency_ms":\#(index),"note":"padding padding padding"}"#)
        }
    }

    @Test("a file ingested again is counted from its stored batches, with the summary a parse gives")
    func sameFileAgain() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let file = try folder.write("a.jsonl", Self.lines(10_000).joined(separator: "\n") + "\n")
        let first = try IngesterTests.ingest([file], into: store)
        let batches = try store.storedBefore(batchesOf: file)
        #expect(batches.count >= 3)
        #expect(batches.allSatisfy { $0 })
        let labels = try store.dump().filter { $0.hasPrefix("labels:") }

        let again = try IngesterTests.ingest([file], into: store)
        #expect(again.lines == 10_000)
        #expect(again.new == 0)
        #expect(again.duplicates == 10_000)
        #expect(again.perTuple == first.perTuple.mapValues { IngestSummary.TupleCounts(new: 0, duplicates: $0.new) })
        #expect(again.perTuple.count == 2)
        #expect(try store.dump().filter { $0.hasPrefix("labels:") } == labels)
    }

    @Test("a stored batch whose counts do not match its lines stops the ingest, which changes nothing")
    func mismatchedCountsAreAnError() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let file = try folder.write("a.jsonl", Self.lines(10).joined(separator: "\n") + "\n")
        _ = try IngesterTests.ingest([file], into: store)
        try store.sqliteBackend.connection.execute("UPDATE stored_batches SET records = records + 1")
        let before = try store.dump()
        #expect(throws: StoreError.self) { try IngesterTests.ingest([file], into: store) }
        #expect(try store.dump() == before)
    }

    @Test("a file grown by appending: the batches read before are not parsed again, the new lines are stored")
    func appendedFile() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        let old = Self.lines(6_000)
        _ = try IngesterTests.ingest([try folder.write("day1.jsonl", old.joined(separator: "\n") + "\n")], into: store)
        let grown = try folder.write("day2.jsonl", (old + Self.lines(3_000, from: 6_000)).joined(separator: "\n") + "\n")
        let batches = try store.storedBefore(batchesOf: grown)
        #expect(batches.first == true)
        #expect(batches.last == false)

        let summary = try IngesterTests.ingest([grown], into: store)
        #expect(summary.new == 3_000)
        #expect(summary.duplicates == 6_000)
        #expect(try store.tupleStats().map(\.labels).reduce(0, +) == 9_000)
        #expect(try store.storedBefore(batchesOf: grown).allSatisfy { $0 })
    }

    @Test("a batch with a bad line or a conflict is parsed every time, so its problem is reported every time")
    func problemsAreReportedAgain() throws {
        let folder = try TemporaryDirectory()
        let store = try Store(path: folder.storePath, create: true)
        _ = try IngesterTests.ingest([try folder.write("first.jsonl", IngesterTests.record("r1", extra: #","id":"req-1""#))], into: store)
        let lines = [
            IngesterTests.record("r2"), #"{"task":"sentiment"}"#, IngesterTests.record("r1", output: "negative", extra: #","id":"req-1""#),
        ]
        let file = try folder.write("mixed.jsonl", lines.joined(separator: "\n") + "\n")
        for attempt in 1...2 {
            let rejects = folder.url.appendingPathComponent("rejects-\(attempt).jsonl").path
            let summary = try IngesterTests.ingest([file], into: store, policy: .reject(to: rejects))
            #expect(summary.rejected == 2)
            #expect(summary.new + summary.duplicates == 1)
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == lines[1...].joined(separator: "\n") + "\n")
            #expect(try store.storedBefore(batchesOf: file) == [false])
        }
    }

    @Test("a stored batch's name-only prompts are counted as they resolve now, as a parse would count them")
    func resolvesPromptsOfStoredBatches() throws {
        let repo = try GitFixture()
        let store = try repo.store()
        let lines = (0..<5).map { PromptRecords.line("r\($0)", at: "2026-09-01T00:00:0\($0)Z") }
        let first = try PromptRecords.ingest(lines, into: repo, store: store, useGit: false)
        #expect(first.perTuple.keys.map(\.hashStatus) == [.unknown])

        try repo.write("prompts/sentiment/v3.txt", "the text of v3\n")
        var lock = LockFile()
        lock.lock(PromptVersion(name: "sentiment", version: "v3"), sha256: PromptHash.of("the text of v3\n"))
        try lock.write(promptsFolder: repo.promptsURL)
        let file = try repo.scratch.write("again.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try store.storedBefore(batchesOf: file) == [true])
        let again = try PromptRecords.ingest(lines, into: repo, store: store, useGit: false)
        let tuple = try #require(again.perTuple.keys.first)
        #expect(again.perTuple.count == 1)
        #expect(tuple.hashStatus == .resolved)
        #expect(tuple.prompt?.sha256 == PromptHash.of("the text of v3\n"))
        #expect(again.perTuple[tuple] == IngestSummary.TupleCounts(new: 0, duplicates: 5))
        #expect(try PromptRecords.placements(in: store).values.allSatisfy { $0.status == .unknown })
    }
}

extension Store {
    /// Whether each batch an ingest reads from `path` was stored whole before, so it is not parsed (test-only).
    func storedBefore(batchesOf path: String) throws -> [Bool] {
        let digests = try StoredBatches(connection: sqliteBackend.connection).digests
        let pipeline = ParsePipeline(paths: [path], provenanceNumbers: ProvenanceNumbers(), storedBatches: digests)
        defer { pipeline.stop() }
        var batches: [Bool] = []
        while let item = try pipeline.next() { batches.append(item.storedBefore) }
        return batches
    }
}
