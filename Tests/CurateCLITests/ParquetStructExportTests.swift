import Foundation
import Testing

/// `export --format parquet` of a task whose label schema declares an object of fixed
/// members: `output` is a struct column, read back by `verify` and `diff` as JSON Lines has it.
@Suite("Parquet export: a struct output column from the label schema")
struct ParquetStructExportTests {
    static let schema = #"""
        {"type": "object", "additionalProperties": false, "required": ["word", "sentence"],
         "properties": {"word": {"type": "string"}, "sentence": {"type": "string"}, "level": {"enum": ["A1", "A2", "B1"]}}}
        """#

    static func vocab(_ inputID: String, _ output: String) -> String {
        #"{"task":"vocab","input_id":"\#(inputID)","output":\#(output),"created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"ana"}"#
    }

    static let labels = LabelLines.file([
        vocab("w-1", #"{"word":"cat","sentence":"The cat sleeps.","level":"A1"}"#),
        vocab("w-2", #"{"word":"ennui","sentence":"Ennui set in."}"#),
    ])

    @Test("the struct output diffs as the same records as a JSON Lines export, and re-exports byte-identical")
    func sameAsJSONLines() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/vocab/schema.json", Self.schema)
            try workspace.write("labels.jsonl", Self.labels)
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "p", "--format", "parquet"])
            try workspace.curateSucceeds(["export", "j"])
            try workspace.curateSucceeds(["verify", "p"])
            let diff = try workspace.curate(["diff", "p", "j", "--json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any], "\(diff)")
            let records = try #require(json["records"] as? [String: Any], "\(diff)")
            #expect(records["unchanged"] as? Int == 2 && records["relabeled"] as? Int == 0, "\(diff.out)")
            let card = String(decoding: try workspace.read("datasets/p/README.md"), as: UTF8.self)
            #expect(card.contains("""
                  - name: output
                    struct:
                    - name: "word"
                      dtype: string
                    - name: "sentence"
                      dtype: string
                    - name: "level"
                      dtype: string
                """), "\(card)")
            #expect(card.contains("struct of typed fields"), "\(card)")
            let data = try workspace.read("datasets/p/data/train-00000-of-00001.parquet")
            try workspace.curateSucceeds(["export", "p", "--format", "parquet", "--force"])
            #expect(try workspace.read("datasets/p/data/train-00000-of-00001.parquet") == data)
        }
    }

    @Test("a label stored before the schema that lacks its shape stops the Parquet export: label, task, schema, exit 2")
    func storedBeforeSchema() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([Self.vocab("w-1", #"{"word":"cat","level":"C2"}"#)]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.write("prompts/vocab/schema.json", Self.schema)
            let result = try workspace.curate(["export", "p", "--format", "parquet"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains(#"of task "vocab" to Parquet: output.sentence is missing, and the schema requires it, "#
                + "but prompts/vocab/schema.json declares"), "\(result)")
            #expect(result.err.contains("curate retract record ") && result.err.contains("--format jsonl"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("datasets/p").path))
            try workspace.curateSucceeds(["export", "j"])
        }
    }
}
