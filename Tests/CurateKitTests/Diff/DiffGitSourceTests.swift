import Foundation
import Testing
@testable import CurateKit

@Suite("Diff: REV:PATH read through git")
struct DiffGitSourceTests {
    /// A git repository holding `datasets/d` exported twice: all labels, then without sentiment@v2.
    static func repository() throws -> (GitFixture, ExportFixture) {
        let git = try GitFixture()
        let store = try ExportFixture(ExportFixture.diffCorpus)
        let datasets = git.url.appendingPathComponent("datasets")
        let at = try #require(Timestamp(rfc3339: "2026-11-01T09:00:00Z"))
        _ = try Exporter(store: store.store).export(ExportOptions(), to: DatasetFolder(datasets: datasets, name: "d"), replace: false, createdAt: at)
        try git.commit("all labels", at: "2026-11-01T09:00:00Z")
        _ = try Exporter(store: store.store).export(excluding("sentiment@v2"), to: DatasetFolder(datasets: datasets, name: "d"), replace: true, createdAt: at)
        try git.commit("without sentiment@v2", at: "2026-11-02T09:00:00Z")
        return (git, store)
    }

    @Test("HEAD~1:PATH against the work tree finds the same changes as two folders would")
    func previousCommit() throws {
        let (git, _) = try Self.repository()
        let old = try DatasetSource.load("HEAD~1:datasets/d", relativeTo: git.url, environment: GitFixture.environment)
        #expect(old.label == "HEAD~1:datasets/d")
        let diff = try ManifestDiff.compare(old, try DatasetSource.load("datasets/d", relativeTo: git.url))
        #expect((diff.records.removed, diff.records.relabeled, diff.records.replaced, diff.records.unchanged) == (1, 1, 1, 2))
        for form in ["HEAD:datasets/d/manifest.json", "HEAD:./datasets/d/", "HEAD:" + git.url.appendingPathComponent("datasets/d").path] {
            let same = try ManifestDiff.compare(try DatasetSource.load(form, relativeTo: git.url), try DatasetSource.load("datasets/d", relativeTo: git.url))
            #expect(same.isSame, "\(form)")
        }
        let fromInside = git.url.appendingPathComponent("datasets")
        #expect(try DatasetSource.load("HEAD~1:d", relativeTo: fromInside).manifest == old.manifest)
    }

    @Test("an unknown revision, a path the revision lacks, a path outside the repository")
    func errors() throws {
        let (git, _) = try Self.repository()
        #expect(throws: DiffError.gitRevisionNotFound(revision: "no-such-branch")) {
            try DatasetSource.load("no-such-branch:datasets/d", relativeTo: git.url)
        }
        #expect(throws: DiffError.missingInRevision(revision: "HEAD~1", path: "datasets/other")) {
            try DatasetSource.load("HEAD~1:datasets/other", relativeTo: git.url)
        }
        #expect(throws: DiffError.self) { try DatasetSource.load("HEAD:/", relativeTo: git.url) }
        let outside = try TemporaryDirectory()
        #expect(throws: DiffError.notAGitRepository(path: outside.url.path)) {
            try DatasetSource.load("HEAD:datasets/d", relativeTo: outside.url)
        }
        #expect(throws: DiffError.gitMissing) {
            try DatasetSource.load("HEAD:datasets/d", relativeTo: git.url, environment: ["PATH": "/nonexistent"])
        }
    }
}
