import Foundation
import Testing

/// An export's staging folder never outlives it: the next export removes those of exports
/// that were killed, and git ignores them (see ``InterruptTests`` for interrupted ones).
@Suite("export staging folders")
struct ExportStagingTests {
    static let staging = "datasets/.curate-staging"

    /// The staging folders now in `datasets/.curate-staging` (not its `.gitignore`).
    static func stagingFolders(_ workspace: TempWorkspace) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.path(staging))) ?? []).filter { $0 != ".gitignore" }.sorted()
    }

    /// The id of a process that has exited.
    static func deadPID(_ workspace: TempWorkspace) throws -> Int32 {
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/bin/true"), arguments: [], directory: workspace.root, environment: [:], stdin: .empty)
        let pid = child.pid
        _ = child.wait()
        return pid
    }

    @Test("the next export removes staging folders of dead exports, keeps live ones, and git ignores them")
    func staleFolders() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "old"])
            let dead = try Self.deadPID(workspace)
            let live = getpid()
            let leftovers = [
                "\(Self.staging)/old.partial-\(dead)-1a2b", "datasets/.old.partial-\(dead)-3c4d",  // dead: removed
                "\(Self.staging)/old.replaced-\(dead)-5e6f",  // dead, and datasets/old exists: removed
                "\(Self.staging)/gone.replaced-\(dead)-7a8b",  // datasets/gone is missing: may be its only copy, kept
                "\(Self.staging)/old.partial-\(live)-9c0d",  // a live process: kept
                "\(Self.staging)/locked.partial-\(dead)-1e2f",  // a live lock (another pid namespace): kept
            ]
            for path in leftovers { try workspace.write("\(path)/train.jsonl", "{}\n") }
            let locked = open(workspace.path(leftovers[5]), O_RDONLY | O_DIRECTORY)
            #expect(locked >= 0 && flock(locked, LOCK_EX | LOCK_NB) == 0)
            defer { close(locked) }

            try workspace.curateSucceeds(["export", "new"])
            #expect(leftovers.map(workspace.exists) == [false, false, false, true, true, true])

            try workspace.diffGit(["init", "-q"])
            try workspace.diffGit(["add", "-A"])
            try workspace.diffGit(["commit", "-qm", "datasets"])
            let tracked = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["git", "ls-files", "datasets"], in: workspace.root,
                environment: CurateRunner.environment(["GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"]))
            #expect(tracked.status == 0 && !tracked.out.isEmpty, "\(tracked)")
            #expect(!tracked.out.contains("partial") && !tracked.out.contains("replaced") && !tracked.out.contains(".curate-staging"), "\(tracked.out)")
        }
    }
}
