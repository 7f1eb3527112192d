import Foundation
import Testing
@testable import CurateKit

@Suite("Prompt history from a real git repository")
struct PromptTimelineTests {
    static let v3 = PromptVersion(name: "sentiment", version: "v3")

    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text) ?? Timestamp(nanosecondsSinceEpoch: 0)
    }

    @Test("one label with three texts over time: each span runs from its commit time to the next change")
    func threeTexts() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "first\n")
        try repo.commit("v3", at: "2026-07-01T00:00:00Z")
        try repo.write("README.md", "unrelated\n")
        try repo.commit("other file", at: "2026-07-15T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "second\n")
        try repo.commit("edit", at: "2026-08-01T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "third\n")
        try repo.commit("edit again", at: "2026-09-01T00:00:00Z")

        let timeline = try #require(try repo.history().timelines([Self.v3: "prompts/sentiment/v3.txt"])[Self.v3])
        #expect(timeline.hashes == ["first\n", "second\n", "third\n"].map(PromptHash.of))
        #expect(timeline.spans.map(\.from) == ["2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z"].map(Self.time))
        #expect(timeline.spans.map(\.until) == [Self.time("2026-08-01T00:00:00Z"), Self.time("2026-09-01T00:00:00Z"), nil])
        #expect(timeline.spans[1].text?.text == "second\n")
        #expect(timeline.placement(of: Self.time("2026-06-30T23:59:59Z")) == .beforeFirstCommit)
        #expect(timeline.placement(of: Self.time("2026-07-01T00:00:00Z")) == .span(0))
        #expect(timeline.placement(of: Self.time("2026-07-31T23:59:59.999Z")) == .span(0))
        #expect(timeline.placement(of: Self.time("2026-08-01T00:00:00Z")) == .span(1))
        #expect(timeline.placement(of: Self.time("2027-01-01T00:00:00Z")) == .span(2))
    }

    @Test("renames are followed, and a CRLF rewrite of the same text continues its span")
    func renameAndLineEnds() throws {
        let repo = try GitFixture()
        try repo.write(".gitattributes", "* -text\n")
        try repo.write("prompts/sentiment/v3.txt", "line one\nline two\nline three\n")
        try repo.commit("v3", at: "2026-07-01T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", bytes: Array("line one\r\nline two\r\nline three\r\n".utf8))
        try repo.commit("windows line ends", at: "2026-07-10T00:00:00Z")
        try repo.git(["mv", "prompts/sentiment/v3.txt", "prompts/sentiment/v3.md"])
        try repo.commit("markdown", at: "2026-07-20T00:00:00Z")
        try repo.write("prompts/sentiment/v3.md", "line one\nline two\nline three, changed\n")
        try repo.commit("edit", at: "2026-08-01T00:00:00Z")

        let history = try repo.history()
        let revisions = try history.revisions(of: "prompts/sentiment/v3.md")
        #expect(revisions.map(\.path) == ["prompts/sentiment/v3.txt", "prompts/sentiment/v3.txt", "prompts/sentiment/v3.md", "prompts/sentiment/v3.md"])
        let timeline = try #require(try history.timelines([Self.v3: "prompts/sentiment/v3.md"])[Self.v3])
        #expect(timeline.spans.count == 2, "CRLF → LF and the rename keep the first text's span")
        #expect(timeline.spans[0].text?.sha256 == PromptHash.of("line one\nline two\nline three\n"))
        #expect(timeline.spans[0].until == Self.time("2026-08-01T00:00:00Z"))
    }

    @Test("commit time bounds a span, not author time")
    func commitTimeNotAuthorTime() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "one\n")
        try repo.commit("v3", at: "2026-07-01T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "two\n")
        try repo.commit("edit written in June, landed in August", at: "2026-08-01T00:00:00Z", authoredAt: "2026-06-15T00:00:00Z")
        let timeline = try #require(try repo.history().timelines([Self.v3: "prompts/sentiment/v3.txt"])[Self.v3])
        #expect(timeline.spans.map(\.from) == [Self.time("2026-07-01T00:00:00Z"), Self.time("2026-08-01T00:00:00Z")])
    }

    @Test("a deletion is a gap, and a file renamed from another version is not this version's text")
    func gaps() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/draft.txt", "draft text that became v3 later\n")
        try repo.commit("draft", at: "2026-06-01T00:00:00Z")
        try repo.git(["mv", "prompts/sentiment/draft.txt", "prompts/sentiment/v3.txt"])
        try repo.commit("release draft as v3", at: "2026-07-01T00:00:00Z")
        try repo.git(["rm", "-q", "prompts/sentiment/v3.txt"])
        try repo.commit("retire v3", at: "2026-08-01T00:00:00Z")

        let history = try repo.history()
        let path = try history.lastPath(of: Self.v3)
        #expect(path == "prompts/sentiment/v3.txt")
        let timeline = try #require(try history.timelines([Self.v3: "prompts/sentiment/v3.txt"])[Self.v3])
        #expect(timeline.firstCommitAt == Self.time("2026-07-01T00:00:00Z"), "the draft era was not sentiment@v3")
        #expect(timeline.spans.map { $0.text == nil } == [false, true])
        #expect(timeline.placement(of: Self.time("2026-08-02T00:00:00Z")) == .span(1))
    }

    @Test("a commit dated beyond the supported times (git takes any date) is an error naming it, not a crash")
    func commitOutOfRange() throws {
        let repo = try GitFixture()
        try repo.write("prompts/sentiment/v3.txt", "first\n")
        try repo.commit("v3", at: "2026-07-01T00:00:00Z")
        try repo.write("prompts/sentiment/v3.txt", "second\n")
        try repo.commit("from the far future", at: "@99999999999 +0000")
        let commit = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(throws: PromptError.commitTimeOutOfRange(commit: commit, seconds: 99_999_999_999)) {
            try repo.history().revisions(of: "prompts/sentiment/v3.txt")
        }
    }

    @Test("outside a git work tree, or without git, history is refused with a clear error")
    func noRepository() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: PromptError.notAGitRepository(path: folder.url.path)) {
            try GitHistory(directory: folder.url, environment: GitFixture.environment)
        }
        var noGit = GitFixture.environment
        noGit["PATH"] = folder.url.path
        noGit["CURATE_GIT"] = nil
        #expect(throws: PromptError.gitMissing) { try GitHistory(directory: folder.url, environment: noGit) }
    }
}
