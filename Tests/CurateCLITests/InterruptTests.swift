import Foundation
import Testing

/// A command stopped by SIGINT (Ctrl-C) or SIGTERM removes the folders it was writing and
/// exits 128 + the signal number.
@Suite("interrupted commands")
struct InterruptTests {
    @Test("SIGINT or SIGTERM during an export removes its staging folder and exits 128 + the signal", arguments: [SIGINT, SIGTERM])
    func interrupted(_ signal: Int32) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("bulk.jsonl", LabelLines.generate(count: 100_000, prefix: "bulk"))
            try workspace.curateSucceeds(["ingest", "bulk.jsonl"])
            try workspace.curateSucceeds(["export", "warm"])  // makes the staging folder's parent
            var interrupted: ProcessOutput?
            for attempt in 0..<5 where interrupted == nil {
                let export = try workspace.start(["export", "e\(attempt)"])
                // Wait for the export's staging folder, then interrupt it (should the export
                // have finished first, which 100,000 rows make unlikely, try again).
                while ExportStagingTests.stagingFolders(workspace).isEmpty, kill(export.pid, 0) == 0 { usleep(200) }
                export.send(signal)
                let result = export.wait(killingAfter: 60)
                if result.status != 0 || result.killedBySignal { interrupted = result }
                #expect(ExportStagingTests.stagingFolders(workspace).isEmpty, "attempt \(attempt) left \(ExportStagingTests.stagingFolders(workspace)): \(result)")
            }
            let result = try #require(interrupted, "every export finished before the signal")
            #expect(!result.killedBySignal && result.status == 128 + signal, "\(result)")
        }
    }

    @Test("SIGINT or SIGTERM while diff reads REV:PATH from git removes its temporary copy", arguments: [SIGINT, SIGTERM])
    func interruptedDiff(_ signal: Int32) throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "d"])
            try workspace.diffGit(["init", "-q"])
            try workspace.diffGit(["add", "-A"])
            try workspace.diffGit(["commit", "-qm", "dataset"])
            // A git that stops, for good, when asked for a data file: the diff is then caught
            // with its temporary folder made and the manifest copied into it.
            try workspace.makeFolder("tmp")
            try workspace.write("slow-git", """
                #!/bin/sh
                case "$*" in
                *"cat-file blob"*.jsonl) echo $$ > "\(workspace.path("git.pid"))"; exec sleep 600 ;;
                esac
                exec git "$@"

                """)
            #expect(chmod(workspace.path("slow-git"), 0o755) == 0)
            let diff = try workspace.start(["diff", "HEAD:datasets/d", "datasets/d"], environment: [
                "CURATE_GIT": workspace.path("slow-git"), "TMPDIR": workspace.path("tmp"),
                "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            ])
            while !workspace.exists("git.pid"), kill(diff.pid, 0) == 0 { usleep(1_000) }
            let copies = try FileManager.default.contentsOfDirectory(atPath: workspace.path("tmp"))
            #expect(copies.count == 1 && copies.first?.hasPrefix("curate-diff-") == true, "\(copies)")
            diff.send(signal)
            let result = diff.wait(killingAfter: 60)
            if let pid = Int32(try workspace.text("git.pid").trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
            #expect(!result.killedBySignal && result.status == 128 + signal, "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("tmp")).isEmpty)
        }
    }

    @Test("a diff removes the temporary copies that killed diffs left behind, and keeps those of live ones")
    func leftoversOfKilledDiffs() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "d"])
            try workspace.diffGit(["init", "-q"])
            try workspace.diffGit(["add", "-A"])
            try workspace.diffGit(["commit", "-qm", "dataset"])
            // A process that has ended: its pid names no process any more.
            let ended = try ChildProcess(
                executable: URL(fileURLWithPath: "/bin/true"), arguments: [], directory: workspace.root,
                environment: CurateRunner.environment(), stdin: .empty)
            let deadPID = ended.pid
            _ = ended.wait()
            try workspace.makeFolder("tmp/curate-diff-\(deadPID)-0AB1/datasets")
            try workspace.makeFolder("tmp/curate-diff-\(getpid())-0AB2")
            try workspace.makeFolder("tmp/curate-diff-legacy")
            let result = try workspace.curate(["diff", "HEAD:datasets/d", "datasets/d"], environment: [
                "TMPDIR": workspace.path("tmp"), "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            ])
            #expect(result.status == 0, "\(result)")
            let left = try FileManager.default.contentsOfDirectory(atPath: workspace.path("tmp")).sorted()
            #expect(left == ["curate-diff-\(getpid())-0AB2", "curate-diff-legacy"])
        }
    }
}
