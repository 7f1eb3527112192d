import Foundation
import Testing

/// `--param KEY=VALUE` and `--exclude-param KEY=VALUE`: selecting labels by a member of their
/// generation params, compared as canonical JSON, on export and stale alike.
@Suite("selecting by generation params")
struct ParamSelectionTests {
    static func line(_ inputID: String, params: String?) -> String {
        let member = params.map { #","params":\#($0)"# } ?? ""
        return #"{"task":"t","input_id":"\#(inputID)","output":"a","created_at":"2026-06-01T00:00:00Z","model":"m","prompt":{"name":"p","version":"v1","sha256":"\#(String(repeating: "ab", count: 32))"}\#(member)}"#
    }

    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                line("hot", params: #"{"temperature":0.7,"seed":1}"#),
                line("cold", params: #"{"temperature":0,"seed":1}"#),
                line("cold-tier", params: #"{"temperature":0,"tier":"fast"}"#),
                line("none", params: nil),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try body(workspace)
        }
    }

    @Test("values compare as JSON; one key's values are a union, keys must all hold; an exclude drops matches", arguments: [
        (["--param", "temperature=0.70"], ["hot"]),
        (["--param", "temperature=0"], ["cold", "cold-tier"]),
        (["--param", "temperature=0", "--param", "temperature=0.7"], ["hot", "cold", "cold-tier"]),
        (["--param", "temperature=0", "--param", "tier=fast"], ["cold-tier"]),
        (["--param", "tier=\"fast\""], ["cold-tier"]),
        (["--exclude-param", "seed=1"], ["cold-tier", "none"]),
        (["--param", "temperature=0", "--exclude-param", "tier=fast"], ["cold"]),
    ])
    func selects(arguments: [String], expected: [String]) throws {
        try Self.workspace { workspace in
            let exported = try workspace.exportedInputIDs(arguments)
            #expect(exported == Set(expected))
        }
    }

    @Test("the manifest records the rules in canonical form; stale takes them too; a bad one is exit 2")
    func manifestAndStale() throws {
        try Self.workspace { workspace in
            _ = try workspace.exportedInputIDs(["--param", "temperature=0.70", "--exclude-param", "tier=fast"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/x/manifest.json")) as? [String: Any])
            let selection = try #require(manifest["selection"] as? [String: Any])
            #expect(selection["include_params"] as? [String] == ["temperature=0.7"])
            #expect(selection["exclude_params"] as? [String] == ["tier=\"fast\""])
            #expect(try workspace.curate(["verify", "x"]).status == 0)
            // With the only model flagged every selected input is stale: the param rule decides which.
            try workspace.curateSucceeds(["flag", "model", "m", "--reason", "test"])
            #expect(try workspace.curateSucceeds(["stale", "--count"]).out == "4\n")
            #expect(try workspace.curateSucceeds(["stale", "--count", "--param", "temperature=0"]).out == "2\n")
            let bad = try workspace.curate(["export", "y", "--param", "temperature"])
            #expect(bad.status == 2 && bad.err.contains("KEY=VALUE"), "\(bad)")
        }
    }

    @Test("stats --params lists each tuple's distinct param sets with their label counts")
    func statsParams() throws {
        try Self.workspace { workspace in
            let text = try workspace.curateSucceeds(["stats", "--params"]).out
            #expect(text.contains(#"{"seed":1,"temperature":0.7}"#), "\(text)")
            #expect(text.contains(#"{"temperature":0,"tier":"fast"}"#), "\(text)")
            let json = try workspace.curateSucceeds(["stats", "--params", "--json"])
            let tuples = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
            let sets = try #require(tuples.first?["params"] as? [[String: Any]])
            #expect(sets.count == 4)
            #expect(sets.allSatisfy { $0["labels"] as? Int == 1 })
            #expect(sets.contains { $0["params"] is NSNull })
        }
    }
}
