import Foundation
import Testing

/// Output forensics: `--output-matches` / `--exclude-output-matches` on export and stale, and
/// `curate flag output REGEX`, for labels whose provenance cannot tell them apart.
@Suite("output forensics")
struct OutputForensicsTests {
    /// One label of a prompt whose hash the record carries, so nothing else makes it stale.
    static func line(_ inputID: String, output: String) -> String {
        #"{"task":"sentiment","input_id":"\#(inputID)","output":\#(output),"created_at":"2026-06-01T12:00:00Z","model":"test-model","prompt":{"name":"sentiment","version":"v1","sha256":"\#(String(repeating: "cd", count: 32))"}}"#
    }

    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                line("a", output: #""As an AI, I cannot judge this""#),
                line("b", output: #""positive""#),
                line("c", output: #""I cannot say""#),
                line("d", output: #"{"label":"negative","note":"as an ai"}"#),
                line("e", output: "\"" + String(repeating: "a", count: 200_000) + "c\""),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try body(workspace)
        }
    }

    @Test("export keeps or drops labels by their output; object outputs are searched as canonical JSON", arguments: [
        (["--output-matches", "I cannot"], ["a", "c"]),
        (["--output-matches", "(?i)as an ai"], ["a", "d"]),
        (["--output-matches", "\"label\":\"negative\""], ["d"]),
        (["--output-matches", "^positive$", "--output-matches", "^I "], ["b", "c"]),
        (["--exclude-output-matches", "cannot"], ["b", "d", "e"]),
        // A pattern that makes backtracking engines hang on e's 200,001 bytes: "ab" is in d's "label" key.
        (["--output-matches", "(a+)+b"], ["d"]),
    ])
    func export(arguments: [String], expected: [String]) throws {
        try Self.workspace { workspace in
            let exported = try workspace.exportedInputIDs(arguments)
            #expect(exported == Set(expected))
        }
    }

    @Test("an invalid pattern is exit 2 naming the position, on every command that takes one")
    func invalidPattern() throws {
        try Self.workspace { workspace in
            for command in [["export", "x", "--output-matches", "ab(c"], ["stale", "--exclude-output-matches", "ab(c"], ["flag", "output", "ab(c", "--reason", "r"]] {
                let result = try workspace.curate(command)
                #expect(result.status == 2, "\(result)")
                #expect(result.err.contains("at position 3"), "\(result)")
            }
        }
    }

    @Test("stale lists the inputs whose label matches, with reason output-matches; the manifest records the rules")
    func staleAndManifest() throws {
        try Self.workspace { workspace in
            let stale = try workspace.curateSucceeds(["stale", "--output-matches", "cannot"])
            let lines = try TestFiles.lines(of: stale.stdout).map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
            #expect(Set(lines.compactMap { $0["input_id"] as? String }) == ["a", "c"])
            #expect(lines.allSatisfy { $0["why"] as? [String] == ["output-matches"] })

            _ = try workspace.exportedInputIDs(["--output-matches", "cannot", "--exclude-output-matches", "^As"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/x/manifest.json")) as? [String: Any])
            let selection = try #require(manifest["selection"] as? [String: Any])
            #expect(selection["output_matches"] as? [String] == ["cannot"])
            #expect(selection["exclude_output_matches"] as? [String] == ["^As"])
        }
    }

    @Test("flag output quarantines every label whose output matches, in export and stale")
    func flagOutput() throws {
        try Self.workspace { workspace in
            try workspace.curateSucceeds(["flag", "output", "I cannot", "--reason", "refusals"])
            #expect(try workspace.exportedInputIDs([]) == ["b", "d", "e"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/x/manifest.json")) as? [String: Any])
            let flags = try #require(manifest["flags"] as? [[String: Any]])
            #expect(flags.first?["kind"] as? String == "output")
            #expect(flags.first?["labels"] as? Int == 2)
            let stale = try workspace.curateSucceeds(["stale"])
            let lines = try TestFiles.lines(of: stale.stdout).map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
            #expect(Set(lines.compactMap { $0["input_id"] as? String }) == ["a", "c"])
            #expect(lines.allSatisfy { $0["why"] as? [String] == ["output-matches"] && $0["label"] is NSNull })
            try workspace.curateSucceeds(["unflag", "output", "I cannot"])
            #expect(try workspace.exportedInputIDs([]).count == 5)
        }
    }
}
