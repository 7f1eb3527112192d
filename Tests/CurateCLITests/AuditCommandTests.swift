import CurateKit
import Foundation
import Testing

/// `curate audit` end to end: the tables fit 100 columns, the JSON has its documented
/// shape and numbers, and the selection options (flags included) change what is counted.
@Suite("curate audit")
struct AuditCommandTests {
    static let v1 = "Label the sentiment.\n"
    static let v2 = "Label the sentiment: positive or negative.\n"
    static let longModel = "claude-sonnet-4-5-20250929-with-a-suffix-long-enough-to-need-clipping-in-a-table"

    /// Four inputs with a human label each; v1 (model-a) agrees on two of them, v2 (a model
    /// with a long name) on all four; a flagged model labels two; an intent label besides.
    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/prompts.lock", """
                # curate.prompts.lock/1
                sentiment@v1 \(PromptHash.of(v1))
                sentiment@v2 \(PromptHash.of(v2))

                """)
            let human = ["positive", "positive", "negative", "negative"]
            let v1 = ["positive", "negative", "negative", "positive"]
            var lines: [String] = []
            for index in 0..<4 {
                lines.append(LabelLines.human(inputID: "h\(index)", output: human[index]))
                lines.append(LabelLines.llm(inputID: "h\(index)", output: v1[index], model: "model-a", version: "v1"))
                lines.append(LabelLines.llm(
                    inputID: "h\(index)", output: human[index], model: longModel, version: "v2", createdAt: "2026-07-01T00:00:00Z"))
            }
            lines.append(LabelLines.llm(inputID: "h0", output: "neutral", model: "bad-model", version: "v2", createdAt: "2026-08-01T00:00:00Z"))
            lines.append(LabelLines.llm(inputID: "h1", output: "neutral", model: "bad-model", version: "v2", createdAt: "2026-08-01T00:00:00Z"))
            lines.append(LabelLines.llm(inputID: "t0", task: "intent", output: "billing", model: "model-a", prompt: "intent", version: "v1"))
            try workspace.write("labels.jsonl", LabelLines.file(lines))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["flag", "model", "bad-model", "--reason", "broken"])
            try body(workspace)
        }
    }

    /// `curate audit --json ARGS`, parsed.
    static func auditJSON(_ workspace: TempWorkspace, _ arguments: [String] = []) throws -> [String: [[String: Any]]] {
        let result = try workspace.curateSucceeds(["audit", "--json"] + arguments)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["tuples", "against_human", "between_prompt_texts", "between_models"])
        return try object.mapValues { try #require($0 as? [[String: Any]]) }
    }

    static func producer(_ row: [String: Any]) -> String {
        row["model"] as? String ?? "human:\(row["annotator"] as? String ?? "?")"
    }

    @Test("the text fits 100 columns, clips long names with an ellipsis, and has the four sections")
    func text() throws {
        try Self.workspace { workspace in
            let result = try workspace.curateSucceeds(["audit"])
            let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(line.count <= 100, "\(line.count) columns: \(line)")
            }
            for section in ["tuples", "against human labels", "between prompt texts", "between models"] {
                #expect(lines.contains(Substring(section)))
            }
            #expect(result.out.contains("claude-sonnet-4-5-2025"))
            #expect(result.out.contains("…"))
            #expect(!result.out.contains("bad-model"))
            #expect(result.out.contains("2 flagged labels left out"))
            Snapshot.expect(result.out, matches: "audit.txt")
        }
    }

    @Test("--json has the documented keys and the numbers: agreement, kappa, confusions")
    func json() throws {
        try Self.workspace { workspace in
            let audit = try Self.auditJSON(workspace)
            let tuples = try #require(audit["tuples"])
            // By task, then origin (human first), then model.
            #expect(tuples.map(Self.producer) == ["model-a", "human:ana", Self.longModel, "model-a"])
            let tuple = tuples[2]
            #expect(Set(tuple.keys) == [
                "task", "origin", "model", "annotator", "prompt", "hash_status", "labels", "inputs", "categorical",
                "distinct_labels", "top_labels",
            ])
            #expect(tuple["labels"] as? Int == 4)
            #expect(tuple["categorical"] as? Bool == true)
            let top = try #require(tuple["top_labels"] as? [[String: Any]])
            #expect(top.map { $0["label"] as? String } == ["negative", "positive"])
            #expect(top.map { $0["share"] as? Double } == [0.5, 0.5])

            let human = try #require(audit["against_human"])
            #expect(human.map(Self.producer) == ["model-a", Self.longModel, "model-a"])
            // v1 on h0…h3: 2 of 4 equal, each rater positive 2, negative 2: pe = 0.5, kappa = 0.
            let v1 = human[2]
            #expect(v1["n"] as? Int == 4)
            #expect(v1["agreement"] as? Double == 0.5)
            #expect(v1["kappa"] as? Double == 0)
            let confusions = try #require(v1["confusions"] as? [[String: Any]])
            #expect(confusions.map { "\($0["human"] ?? "") → \($0["llm"] ?? ""): \($0["count"] ?? "")" } == [
                "negative → positive: 1", "positive → negative: 1",
            ])
            let v2 = human[1]
            #expect(v2["agreement"] as? Double == 1)
            #expect(v2["kappa"] as? Double == 1)
            // The intent tuple has no human label to compare with.
            #expect(human[0]["n"] as? Int == 0)
            #expect(human[0]["agreement"] is NSNull)
            #expect(human[0]["kappa"] is NSNull)

            let prompts = try #require(audit["between_prompt_texts"])
            #expect(prompts.count == 1)
            #expect(prompts.first?["n"] as? Int == 4)
            #expect(prompts.first?["agreement"] as? Double == 0.5)
            #expect((prompts.first?["a"] as? [String: Any])?["sha256"] as? String == PromptHash.of(Self.v1))
            let models = try #require(audit["between_models"])
            #expect(models.first?["a"] as? String == Self.longModel)
            #expect(models.first?["b"] as? String == "model-a")
            #expect(models.first?["kappa"] as? Double == 0)
        }
    }

    @Test("selection options change the numbers; flagged labels count only with --include-flagged")
    func selection() throws {
        try Self.workspace { workspace in
            let sentiment = try Self.auditJSON(workspace, ["--task", "sentiment"])
            #expect(sentiment["tuples"]?.allSatisfy { $0["task"] as? String == "sentiment" } == true)
            #expect(sentiment["against_human"]?.count == 2)

            let withoutV1 = try Self.auditJSON(workspace, ["--exclude-prompt", "v1"])
            #expect(withoutV1["against_human"]?.map(Self.producer) == [Self.longModel])
            #expect(withoutV1["between_prompt_texts"]?.isEmpty == true)
            #expect(withoutV1["between_models"]?.isEmpty == true)

            let flagged = try Self.auditJSON(workspace, ["--include-flagged"])
            let bad = try #require(flagged["against_human"]?.first { $0["model"] as? String == "bad-model" })
            #expect(bad["n"] as? Int == 2)
            #expect(bad["agreement"] as? Double == 0)
            #expect(flagged["between_models"]?.count == 3)
        }
    }

    @Test("an unknown selector is a usage error, exit 2, with the candidates")
    func unknownSelector() throws {
        try Self.workspace { workspace in
            let result = try workspace.curate(["audit", "--exclude-prompt", "v9"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("sentiment@v1#"))
            #expect(result.stdout.isEmpty)
        }
    }
}
