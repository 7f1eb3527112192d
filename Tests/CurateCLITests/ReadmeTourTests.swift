import CurateKit
import Foundation
import Testing

/// The README's tour is a transcript: its commands run here, in a fresh clone of the
/// repository after the README's first command, and print what the README shows.
@Suite("the README tour prints what the README shows")
struct ReadmeTourTests {
    static let repository = TestFiles.repositoryRoot

    /// One `$ COMMAND` of a transcript and the lines shown after it (`…` lines stand for any lines).
    struct Step: CustomStringConvertible {
        let command: String
        let shown: [String]
        var description: String { command }
    }

    /// The README's first command, less building and printing: the curate commands it runs.
    static func firstCommand(_ readme: String) throws -> [String] {
        let block = try #require(readme.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        return block.components(separatedBy: " && ").filter { $0.hasPrefix("curate ") }
    }

    /// Every step of the ```console blocks of the tour section, in order.
    static func steps(_ readme: String) throws -> [Step] {
        let tour = try #require(readme.components(separatedBy: "## A tour of the demo workspace").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        var steps: [Step] = []
        for block in tour.components(separatedBy: "```console\n").dropFirst() {
            let lines = (block.components(separatedBy: "\n```").first ?? "").components(separatedBy: "\n")
            for line in lines {
                if line.hasPrefix("$ ") {
                    steps.append(Step(command: String(line.dropFirst(2)), shown: []))
                } else if let last = steps.popLast() {
                    steps.append(Step(command: last.command, shown: last.shown + [line]))
                }
            }
        }
        return steps
    }

    /// Whether `actual` lines are what `shown` shows: equal lines, a `…` line for any lines
    /// (none included), a line ending in `…` for any line that begins with the rest.
    static func matches(_ shown: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = shown.first else { return actual.isEmpty }
        if first == "…" {
            return actual.indices.contains { matches(shown.dropFirst(), actual[$0...]) } || matches(shown.dropFirst(), [])
        }
        guard let line = actual.first else { return false }
        let same = first.hasSuffix("…") ? line.hasPrefix(String(first.dropLast())) : line == first
        return same && matches(shown.dropFirst(), actual.dropFirst())
    }

    static let gitAvailable = (try? ChildProcess.run(
        URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", repository.path, "rev-parse", "--git-dir"], in: repository,
        environment: CurateRunner.environment()))?.status == 0
    static let pythonAvailable = (try? ChildProcess.run(
        URL(fileURLWithPath: "/usr/bin/env"), ["python3", "--version"], in: repository, environment: CurateRunner.environment()))?.status == 0

    @Test(
        "every command of the tour prints what the README shows after it",
        .enabled(if: gitAvailable && pythonAvailable, "the tour needs the repository's git history and python3"))
    func tour() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let steps = try Self.steps(readme)
        #expect(steps.count >= 10)
        let curate = try CurateRunner.binary.get()
        try TempWorkspace.with { workspace in
            // The committed history (backfill reads it), with the working tree's sample, scripts and README.
            let clone = workspace.url("clone")
            let cloned = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["git", "clone", "--quiet", Self.repository.path, clone.path], in: workspace.root,
                environment: CurateRunner.environment())
            try #require(cloned.status == 0, "\(cloned)")
            for folder in ["scripts", "examples"] {
                try FileManager.default.removeItem(at: clone.appendingPathComponent(folder))
                try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(folder), to: clone.appendingPathComponent(folder))
            }
            let environment = CurateRunner.environment([
                "PATH": curate.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "COLUMNS": "100",
            ])
            func shell(_ command: String) throws -> ProcessOutput {
                try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command + " 2>&1"], in: clone, environment: environment)
            }
            for command in try Self.firstCommand(readme) {
                let result = try shell(command)
                try #require(result.status == 0, "\(command): \(result)")
            }
            try Self.expectShippedDataset(Self.repository.appendingPathComponent("datasets/clean"), written: clone.appendingPathComponent("datasets/clean"))
            for step in steps {
                let result = try shell(step.command)
                // Exit 1 is a check that found a difference (diff); 2 and more are failures.
                #expect(result.status < 2 && !result.killedBySignal, "\(step.command): \(result)")
                let actual = result.out.components(separatedBy: "\n").map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
                let printed = actual.last == "" ? actual.dropLast() : actual[...]
                #expect(Self.matches(step.shown[...], printed), "\(step.command) printed:\n\(result.out)\nthe README shows:\n\(step.shown.joined(separator: "\n"))")
            }
        }
    }

    /// The demo dataset in the repository is what the first command writes: every file the same
    /// bytes, the manifest's `created_at` aside (the README promises `git diff` shows only that).
    static func expectShippedDataset(_ shipped: URL, written: URL) throws {
        let files = { (folder: URL) in
            Set(try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix("data") })
        }
        #expect(try files(shipped) == files(written), "the first command writes other files than datasets/clean holds")
        let scrub = { (data: Data) in
            String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""created_at": "[^"]*""#, with: "", options: .regularExpression)
        }
        for path in try files(shipped).sorted() {
            let expected = try Data(contentsOf: shipped.appendingPathComponent(path))
            let actual = try Data(contentsOf: written.appendingPathComponent(path))
            if path == Manifest.fileName {
                #expect(scrub(expected) == scrub(actual), "datasets/clean/manifest.json is not what the first command writes; rerun it")
            } else {
                #expect(expected == actual, "datasets/clean/\(path) is not what the README's first command writes; rerun it")
            }
        }
    }

    @Test("the transcript matcher: … stands for any lines, a trailing … for the rest of a line")
    func matcher() {
        #expect(Self.matches(["a", "…", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "…", "d"], ["a", "d"]))
        #expect(Self.matches(["a…"], ["abc"]))
        #expect(Self.matches(["…"], []))
        #expect(!Self.matches(["a", "…", "d"], ["a", "b", "c"]))
        #expect(!Self.matches(["a", "b"], ["a", "c"]))
        #expect(!Self.matches(["a"], ["a", "b"]))
    }
}
