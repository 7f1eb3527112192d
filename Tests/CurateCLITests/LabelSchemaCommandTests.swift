import Foundation
import Testing

/// Label schemas (`prompts/TASK/schema.json`) seen from the command line: `ingest` refuses
/// outputs outside them and tasks without one, and the prompt commands leave them alone.
@Suite("label schemas: curate ingest and the prompt commands")
struct LabelSchemaCommandTests {
    static let sentimentSchema = #"{"title": "review sentiment", "enum": ["positive", "negative", "neutral"]}"#

    /// A workspace whose sentiment task has a schema.
    static func withSchema(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/schema.json", sentimentSchema)
            try body(workspace)
        }
    }

    @Test("an output outside the schema refuses the ingest: file:line:field, did you mean, exit 2, store unchanged")
    func outputOutsideSchema() throws {
        try Self.withSchema { workspace in
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "r-1"), LabelLines.llm(inputID: "r-2", output: "Positive"), LabelLines.human(inputID: "r-3", output: "happy"),
            ]))
            let before = try workspace.dump()
            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            let lines = result.err.components(separatedBy: "\n")
            #expect(lines.first == #"curate: labels.jsonl:2: field "output": "Positive" is not one of "positive", "negative", "neutral"; "#
                + #"did you mean "positive"? (task "sentiment", prompts/sentiment/schema.json)"#, "\(result)")
            #expect(lines.dropFirst().first?.hasPrefix(#"labels.jsonl:3: field "output": "happy" is not one of"#) == true,
                    "a human label is not checked: \(result)")
            #expect(try workspace.dump() == before, "a refused ingest changed the store")
        }
    }

    @Test("the dataset card's ClassLabel names come from the schema, in its order")
    func classLabelsInCard() throws {
        try Self.withSchema { workspace in
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "r-1", output: "neutral"), LabelLines.llm(inputID: "r-2", output: "positive"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "s"])
            let card = String(decoding: try workspace.read("datasets/s/README.md"), as: UTF8.self)
            #expect(card.contains("""
                      class_label:
                        names:
                          '0': "positive"
                          '1': "negative"
                          '2': "neutral"
                """), "\(card)")
        }
    }

    @Test("--skip-invalid stores the allowed outputs and writes the others verbatim to the reject file")
    func skipInvalid() throws {
        try Self.withSchema { workspace in
            let bad = LabelLines.llm(inputID: "r-2", output: "Positive")
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "r-1"), bad, LabelLines.llm(inputID: "r-3", output: "neutral")]))
            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.jsonl", "labels.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(2, 0, 1), "\(result)")
            #expect(result.err.contains(#"labels.jsonl:2: field "output": "Positive""#), "\(result)")
            #expect(try workspace.read("rejects.jsonl") == LabelLines.file([bad]))
            #expect(try workspace.labelCount() == 2)
        }
    }

    @Test("a nested output is refused at its path")
    func nestedPath() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/vocab/schema.json", """
                {"type": "object", "additionalProperties": false, "required": ["word", "level"],
                 "properties": {"word": {"type": "string"}, "level": {"enum": ["A1", "A2", "B1"]}}}
                """)
            let record = { (output: String) in
                #"{"task":"vocab","input_id":"w-1","output":\#(output),"created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"ana"}"#
            }
            try workspace.write("labels.jsonl", LabelLines.file([record(#"{"word":"cat","level":"C2"}"#)]))
            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix(#"curate: labels.jsonl:1: field "output.level": "C2" is not one of "A1", "A2", "B1" (task "vocab""#), "\(result)")
            try workspace.write("good.jsonl", LabelLines.file([record(#"{"level":"A2","word":"cat"}"#)]))
            try workspace.curateSucceeds(["ingest", "good.jsonl"])
        }
    }

    @Test("a task without a schema is refused with the nearest declared one; --allow-new-task accepts it")
    func unknownTask() throws {
        try Self.withSchema { workspace in
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "r-1", task: "sentimnet")]))
            let refused = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.hasPrefix(#"curate: labels.jsonl:1: field "task": "sentimnet" is not a task of this workspace; did you mean "sentiment"?"#),
                    "\(refused)")
            #expect(refused.err.contains("--allow-new-task"), "the error does not say how to accept a new task: \(refused)")
            #expect(try workspace.labelCount() == 0)

            let allowed = try workspace.curate(["ingest", "--allow-new-task", "labels.jsonl"])
            #expect(allowed.status == 0, "\(allowed)")
            #expect(try workspace.labelCount(arguments: ["--task", "sentimnet"]) == 1)
        }
    }

    @Test("without any schema every task and output is accepted, as before")
    func noSchema() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/v1.txt", "Classify the review.\n")
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "r-1", task: "sentimnet", output: "Positive")]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            #expect(try workspace.labelCount() == 1)
        }
    }

    @Test("a schema with an unsupported keyword stops the ingest naming the file and keyword (exit 2)")
    func unsupportedKeyword() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/schema.json", #"{"type": "string", "pattern": "^[a-z]+$"}"#)
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "r-1")]))
            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix(#"curate: prompts/sentiment/schema.json: keyword "pattern" is not supported by label schemas"#), "\(result)")
            #expect(try workspace.labelCount() == 0)
        }
    }

    @Test("prompts check reads the label schemas too, so a broken one fails in CI before an ingest (exit 2)")
    func promptsCheckReadsSchemas() throws {
        try TempWorkspace.with { workspace in
            try workspace.write("prompts/sentiment/v1.txt", "Classify the review.\n")
            try workspace.curateSucceeds(["prompts", "lock"])
            try workspace.write("prompts/sentiment/schema.json", #"{"properties": {"level": {"enum": ["A1"], "const": "A1"}}}"#)
            let result = try workspace.curate(["prompts", "check"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix(#"curate: prompts/sentiment/schema.json at /properties/level: keyword "const" is not supported"#), "\(result)")
        }
    }

    @Test("schema.json is not a prompt version: prompts lock, prompts and prompts check leave it out")
    func notAPromptVersion() throws {
        try Self.withSchema { workspace in
            try workspace.write("prompts/sentiment/v1.txt", "Classify the review.\n")
            let lock = try workspace.curate(["prompts", "lock"])
            #expect(lock.status == 0, "\(lock)")
            let lockText = String(decoding: try workspace.read("prompts/prompts.lock"), as: UTF8.self)
            #expect(lockText.contains("sentiment@v1 "), "\(lockText)")
            #expect(!lockText.contains("schema"), "the lock records the schema as a prompt version:\n\(lockText)")
            let list = try workspace.curate(["prompts"])
            #expect(list.status == 0 && !list.out.contains("schema"), "\(list)")
            let check = try workspace.curate(["prompts", "check"])
            #expect(check.status == 0 && check.out == "prompts check: 1 template match prompts/prompts.lock\n", "\(check)")
        }
    }
}
