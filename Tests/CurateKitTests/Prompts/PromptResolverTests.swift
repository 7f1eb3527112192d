import Foundation
import Testing
@testable import CurateKit

@Suite("Resolving prompt hashes at ingest")
struct PromptResolverTests {
    static let v3 = PromptVersion(name: "sentiment", version: "v3")

    @Test("one known hash resolves; the record id stays the id computed without it")
    func resolvesUniqueHash() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "only text\n")
        var lock = LockFile()
        lock.lock(Self.v3, sha256: PromptHash.of("only text\n"))
        try lock.write(promptsFolder: repo.promptsURL)
        let store = try repo.store()
        let line = PromptRecords.line("r1", at: "2026-09-01T00:00:00Z")
        let parsed = try RecordParser.parse(line)
        let summary = try PromptRecords.ingest([line], into: repo, store: store)
        let tuple = try #require(summary.perTuple.keys.first)
        #expect(tuple.hashStatus == .resolved)
        #expect(tuple.prompt?.sha256 == PromptHash.of("only text\n"))
        let stored = try PromptRecords.placements(in: store)["r1"]
        #expect(stored?.status == .resolved)
        let resolved = try PromptResolver(promptsFolder: repo.promptsURL, store: store, useGit: false).resolve(parsed)
        #expect(resolved.id == parsed.id)
        #expect(resolved.contentDigest == parsed.contentDigest)
    }

    @Test("a text stored earlier in the same ingest resolves the name-only records after it")
    func seesTextsStoredDuringTheIngest() throws {
        let repo = try GitFixture()
        let store = try repo.store()
        try PromptRecords.ingest([
            PromptRecords.line("before", at: "2026-09-01T00:00:00Z"),
            PromptRecords.line("carrier", at: "2026-09-01T00:00:01Z", text: "the one text\n"),
            PromptRecords.line("after", at: "2026-09-01T00:00:02Z"),
        ], into: repo, store: store, useGit: false)
        let placements = try PromptRecords.placements(in: store)
        #expect(placements["before"]?.status == .unknown)
        #expect(placements["after"]?.status == .resolved)
        #expect(placements["after"]?.sha256 == PromptHash.of("the one text\n"))
    }

    @Test("no known text leaves the label unknown")
    func unknown() throws {
        let repo = try GitFixture()
        let store = try repo.store()
        try PromptRecords.ingest([PromptRecords.line("r1", at: "2026-09-01T00:00:00Z")], into: repo, store: store)
        #expect(try PromptRecords.placements(in: store)["r1"]?.status == .unknown)
    }

    @Test("several hashes in the store make the label ambiguous, never a guess")
    func ambiguousFromStore() throws {
        let repo = try GitFixture()
        let store = try repo.store()
        try PromptRecords.ingest([
            PromptRecords.line("a", at: "2026-09-01T00:00:00Z", text: "one"),
            PromptRecords.line("b", at: "2026-10-01T00:00:00Z", text: "two"),
            PromptRecords.line("c", at: "2026-10-02T00:00:00Z"),
        ], into: repo, store: store)
        let stored = try PromptRecords.placements(in: store)
        #expect(stored["c"]?.status == .ambiguous)
        #expect(stored["c"]?.sha256 == nil)
    }

    @Test("a lock written after an in-place edit knows one text, but git history shows two: ambiguous")
    func lockAfterInPlaceEdit() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "original\n")
        try repo.commit("v3", at: "2026-08-31T12:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "edited\n")
        try repo.commit("edit in place", at: "2026-10-01T00:00:00Z")
        var lock = LockFile()
        lock.lock(Self.v3, sha256: PromptHash.of("edited\n"))
        try lock.write(promptsFolder: repo.promptsURL)

        let store = try repo.store()
        try PromptRecords.ingest([PromptRecords.line("r1", at: "2026-09-15T00:00:00Z")], into: repo, store: store)
        #expect(try PromptRecords.placements(in: store)["r1"]?.status == .ambiguous)

        let withoutGit = try PromptResolver(promptsFolder: repo.promptsURL, store: store, useGit: false).knownHashes(of: Self.v3)
        #expect(withoutGit == [PromptHash.of("edited\n")], "without git only the lock and file are known")
    }

    @Test("an uncommitted edit of a committed template is a second text")
    func uncommittedEditCounts() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "committed\n")
        try repo.commit("v3", at: "2026-08-01T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "work in progress\n")
        let resolver = PromptResolver(promptsFolder: repo.promptsURL, store: try repo.store(), environment: GitFixture.environment)
        #expect(try resolver.knownHashes(of: Self.v3) == Set(["committed\n", "work in progress\n"].map(PromptHash.of)))
    }

    @Test("records that carry a hash or text pass through unchanged")
    func recordedUntouched() throws {
        let repo = try GitFixture()
        let resolver = PromptResolver(promptsFolder: repo.promptsURL, store: try repo.store(), useGit: false)
        let record = try RecordParser.parse(PromptRecords.line("r", at: "2026-09-01T00:00:00Z", text: "t"))
        #expect(try resolver.resolve(record) == record)
    }

    @Test("a lock that cannot be read stops the ingest at the first record needing it, unless a bad line before it refused the ingest")
    func unreadableLockAfterConflict() throws {
        let repo = try GitFixture()
        try repo.write("prompts/prompts.lock", "this is not a lock file\n")
        let store = try repo.store()
        let hash = PromptHash.of("a text")
        let stored = PromptRecords.line("r0", at: "2026-09-01T00:00:00Z", sha256: hash).replacingOccurrences(of: #""task""#, with: #""id":"req-0","task""#)
        try PromptRecords.ingest([stored], into: repo, store: store, useGit: false)
        let conflicting = stored.replacingOccurrences(of: #""output":"positive""#, with: #""output":"negative""#)
        let needsLock = PromptRecords.line("r1", at: "2026-09-01T00:00:01Z")

        #expect(throws: PromptError.self) { try PromptRecords.ingest([needsLock], into: repo, store: store, useGit: false) }
        #expect {
            try PromptRecords.ingest([conflicting, needsLock], into: repo, store: store, useGit: false)
        } throws: { error in
            guard case IngestError.refused(let problems, let total) = error, total == 1, case .conflict(_, 1, "req-0")? = problems.first else { return false }
            return true
        }
    }
}
