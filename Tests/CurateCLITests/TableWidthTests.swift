import Foundation
import Testing

/// Tables fit the terminal: 100 columns when standard output is not a terminal, `COLUMNS`
/// when it is set; times to the second, prompts as NAME@VERSION#HASH12.
@Suite("table widths")
struct TableWidthTests {
    /// The repository's sample of 3,000 labels, the demo workspace's data.
    static let sample = TestFiles.repositoryRoot.appendingPathComponent("examples/labels.jsonl")

    /// The widest line of `text`, in terminal columns (every character of these outputs is one column wide).
    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map(\.count).max() ?? 0
    }

    @Test("on the demo workspace every table fits 100 columns, or COLUMNS")
    func demoWorkspace() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", try Data(contentsOf: Self.sample))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["flag", "model", "gpt-4o-mini*", "--reason", "fallback model, not reviewed"])
            try workspace.curateSucceeds(["flag", "prompt", "sentiment@v3#791c662", "--reason", "labels sarcasm as positive; regenerate with v4 before the next training run"])
            let split = ["--split", "train=0.8,validation=0.1,test=0.1"]
            try workspace.curateSucceeds(["export", "all-labels"] + split)
            try workspace.curateSucceeds(["export", "clean", "--exclude-prompt", "v1"] + split)
            let commands = [["stats"], ["prompts"], ["flags"], ["export", "x", "--dry-run"] + split, ["diff", "all-labels", "clean"]]
            for columns in [nil, "100", "120"] {
                for command in commands {
                    let result = try workspace.curate(command, environment: columns.map { ["COLUMNS": $0] } ?? [:])
                    #expect(result.status <= 1 && !result.killedBySignal, "\(command): \(result)")
                    #expect(Self.widest(result.out) <= Int(columns ?? "100") ?? 0, "\(command) with COLUMNS=\(columns ?? "-"):\n\(result.out)")
                }
            }
            let flags = try workspace.curateSucceeds(["flags"]).out
            #expect(flags.contains("sentiment@v3#791c662112b3  "), "\(flags)")
            let roomy = try workspace.curateSucceeds(["stats"], environment: ["COLUMNS": "120"]).out
            #expect(roomy.contains("claude-3-5-haiku-20241022 ") && roomy.contains("claude-sonnet-4-5-20250929 "), "\(roomy)")
        }
    }

    @Test("a wide terminal shows every value whole: times to the second, full model ids")
    func wide() throws {
        try StatsTests.withSmallStore { workspace in
            let wide = try workspace.curateSucceeds(["stats"], environment: ["COLUMNS": "200"]).out
            #expect(wide.contains("claude-3-5-haiku-20241022 ") && wide.contains("claude-sonnet-4-5-20250929 "), "\(wide)")
            #expect(wide.contains("2026-06-01 07:00:00Z  2026-06-02 23:59:59Z\n"), "a time with nanoseconds is shown to the second: \(wide)")
            let narrow = try workspace.curateSucceeds(["stats"], environment: ["COLUMNS": "80"]).out
            #expect(Self.widest(narrow) < Self.widest(wide), "\(narrow)")
            #expect(narrow.contains("sentiment@v1#d7d78d5c2bde  "), "prompts are never cut: \(narrow)")
        }
    }
}
