import Foundation
import Testing
@testable import CurateKit

@Suite("Backfill from git history")
struct BackfillPlanTests {
    static let v3 = PromptVersion(name: "sentiment", version: "v3")

    /// sentiment v3: original committed 2026-08-31T12:00Z, edited in place 2026-10-01T00:00Z (as in the demo).
    static func demoRepository() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "original\n")
        try repo.commit("v3", at: "2026-08-31T12:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "edited\n")
        try repo.commit("edit v3 in place", at: "2026-10-01T00:00:00Z")
        return repo
    }

    static func plan(_ repo: GitFixture, _ store: Store) throws -> BackfillPlan {
        try BackfillPlan.make(unplaced: try store.unplacedLabels(), discovery: try PromptDiscovery.scan(repo.promptsURL), git: try repo.history())
    }

    @Test("ambiguous labels get the text in effect at their created_at, inferred-git")
    func resolvesAmbiguous() throws {
        let repo = try Self.demoRepository()
        let store = try repo.store()
        try PromptRecords.ingest([
            PromptRecords.line("sept", at: "2026-09-15T00:00:00Z"),
            PromptRecords.line("late-sept", at: "2026-10-01T01:09:46+02:00"),
            PromptRecords.line("oct", at: "2026-10-01T00:00:00Z"),
            PromptRecords.line("recorded", at: "2026-09-02T00:00:00Z", text: "original\n"),
        ], into: repo, store: store)
        #expect(try store.unplacedLabels().map(\.hashStatus) == [.ambiguous, .ambiguous, .ambiguous])

        let plan = try Self.plan(repo, store)
        let version = try #require(plan.versions.first)
        #expect(version.eras.map(\.sha256) == [PromptHash.of("original\n"), PromptHash.of("edited\n")])
        #expect(version.eras.map { $0.labels.map(\.id).count } == [2, 1])
        #expect(plan.assignedCount == 3)
        #expect(try plan.apply(to: store) == 3)

        let stored = try PromptRecords.placements(in: store)
        #expect(stored["sept"]?.status == .inferredGit)
        #expect(stored["sept"]?.sha256 == PromptHash.of("original\n"))
        #expect(stored["late-sept"]?.sha256 == PromptHash.of("original\n"), "+02:00 is still September in UTC")
        #expect(stored["oct"]?.sha256 == PromptHash.of("edited\n"))
        #expect(stored["recorded"]?.status == .recorded)
        let usage = try store.promptUsage()
        #expect(usage.contains { $0.prompt.sha256 == PromptHash.of("original\n") && $0.hashStatus == .inferredGit && $0.labels == 2 })
    }

    @Test("running it again changes nothing")
    func idempotent() throws {
        let repo = try Self.demoRepository()
        let store = try repo.store()
        try PromptRecords.ingest([PromptRecords.line("a", at: "2026-09-15T00:00:00Z")], into: repo, store: store, resolve: false)
        try Self.plan(repo, store).apply(to: store)
        let before = try store.dump()
        let again = try Self.plan(repo, store)
        #expect(again.versions.isEmpty)
        #expect(try again.apply(to: store) == 0)
        #expect(try store.dump() == before)
    }

    @Test("labels older than the file's first commit are left as they were and reported")
    func beforeFirstCommit() throws {
        let repo = try Self.demoRepository()
        let store = try repo.store()
        try PromptRecords.ingest([
            PromptRecords.line("early", at: "2026-08-01T00:00:00Z"),
            PromptRecords.line("later", at: "2026-09-01T00:00:00Z"),
        ], into: repo, store: store, resolve: false)
        let plan = try Self.plan(repo, store)
        let version = try #require(plan.versions.first)
        #expect(version.beforeFirstCommit.count == 1)
        #expect(version.firstCommitAt == Timestamp(rfc3339: "2026-08-31T12:00:00Z"))
        #expect(plan.leftCount == 1)
        try plan.apply(to: store)
        let stored = try PromptRecords.placements(in: store)
        #expect(stored["early"]?.status == .unknown)
        #expect(stored["early"]?.sha256 == nil)
        #expect(stored["later"]?.status == .inferredGit)
    }

    @Test("a renamed file's whole history is read, and every label of a known text keeps its model")
    func renamedHistory() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "one\n")
        try repo.commit("v3", at: "2026-07-01T00:00:00Z")
        try repo.git(["mv", "prompts/sentiment/v3.txt", "prompts/sentiment/v3.md"])
        try repo.commit("rename", at: "2026-07-15T00:00:00Z")
        try repo.write("prompts/sentiment/v3.md", "two\n")
        try repo.commit("edit", at: "2026-08-01T00:00:00Z")
        let store = try repo.store()
        try PromptRecords.ingest([
            PromptRecords.line("july", at: "2026-07-20T00:00:00Z"),
            PromptRecords.line("august", at: "2026-08-20T00:00:00Z"),
        ], into: repo, store: store)
        let plan = try Self.plan(repo, store)
        #expect(plan.versions.first?.path == "prompts/sentiment/v3.md")
        try plan.apply(to: store)
        let stored = try PromptRecords.placements(in: store)
        #expect(stored["july"]?.sha256 == PromptHash.of("one\n"))
        #expect(stored["august"]?.sha256 == PromptHash.of("two\n"))
        #expect(try store.tupleStats().allSatisfy { $0.tuple.model == "m" })
    }

    @Test("a version with no file in the work tree or history is reported, not guessed")
    func noHistory() throws {
        let repo = try Self.demoRepository()
        let store = try repo.store()
        try PromptRecords.ingest([PromptRecords.line("x", at: "2026-09-01T00:00:00Z", version: "v9")], into: repo, store: store)
        let plan = try Self.plan(repo, store)
        #expect(plan.versions.first?.problem == .noHistory)
        #expect(plan.assignedCount == 0)
        #expect(plan.leftCount == 1)
    }
}
