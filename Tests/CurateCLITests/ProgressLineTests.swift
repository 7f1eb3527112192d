import Foundation
import Testing

@Suite("ingest progress line")
struct ProgressLineTests {
    static let script = URL(fileURLWithPath: "/usr/bin/script")

    @Test("on a terminal, ingest shows a progress line on stderr; piped, it shows none",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script.path), "needs util-linux script for a terminal"))
    func progressOnlyOnATerminal() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.generate(count: 500, prefix: "p"))

            // `script` runs curate with a pseudo-terminal as its stdout and stderr.
            let binary = try CurateRunner.binary.get()
            let onTerminal = try ChildProcess.run(
                Self.script, ["-qec", "'\(binary.path)' ingest labels.jsonl", "/dev/null"],
                in: workspace.root, environment: CurateRunner.environment()
            )
            #expect(onTerminal.status == 0, "\(onTerminal)")
            #expect(onTerminal.out.contains("\r\u{1B}[Kingesting: 500 lines"), "no progress line on a terminal: \(onTerminal)")
            #expect(onTerminal.out.contains("duplicates"), "the summary is missing: \(onTerminal)")

            let piped = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(piped.status == 0, "\(piped)")
            #expect(!piped.err.contains("ingesting:"), "a progress line went into piped stderr: \(piped)")
            #expect(!piped.out.contains("ingesting:"), "a progress line went into stdout: \(piped)")
        }
    }
}
