import Foundation
import Testing

/// Real consumers: pandas and Hugging Face `datasets` read both export formats
/// (`Tests/consumers/test_consumers.py`). Skipped, with the reason, when python3
/// cannot import pandas; the Hugging Face part is skipped by the script when python3
/// cannot import datasets. `scripts/test` installs both.
@Suite("exports read by pandas and Hugging Face datasets")
struct ConsumerTests {
    static let repository = TestFiles.folder.deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/consumers/test_consumers.py")

    static let pandasInstalled = canImport("pandas")
    static let datasetsInstalled = canImport("datasets")

    /// Whether `python3` can import `module` where the script runs: not in the repository,
    /// whose `datasets/` folder imports as an empty namespace package.
    static func canImport(_ module: String) -> Bool {
        let check = try? ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import \(module)"],
            in: script.deletingLastPathComponent(), environment: CurateRunner.environment())
        return check?.status == 0
    }

    @Test(
        "pandas.read_json, pandas.read_csv and datasets.load_dataset see the rows, columns and splits of the manifest",
        .enabled(if: pandasInstalled, "python3 cannot import pandas (scripts/test installs it)"))
    func consumersReadExports() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("sample.jsonl", try Data(contentsOf: Self.repository.appendingPathComponent("examples/labels.jsonl")))
            try workspace.write("notes.jsonl", Self.notes)
            try workspace.curateSucceeds(["ingest", "sample.jsonl", "notes.jsonl"])
            let arguments = ["--split", "train=0.8,validation=0.1,test=0.1", "--seed", "3", "--exclude-prompt", "sentiment@v1"]
            try workspace.curateSucceeds(["export", "as-jsonl"] + arguments)
            try workspace.curateSucceeds(["export", "as-csv", "--format", "csv"] + arguments)

            let cache = workspace.path("hf-cache")
            let result = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.script.path], in: workspace.root,
                environment: CurateRunner.environment([
                    "CURATE_JSONL_DATASET": workspace.path("datasets/as-jsonl"),
                    "CURATE_CSV_DATASET": workspace.path("datasets/as-csv"),
                    "HF_HOME": cache, "HF_DATASETS_CACHE": cache, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
                ]))
            #expect(result.status == 0, "\(result)")
            // Without datasets the script skips its two Hugging Face tests, and only those.
            let lines = result.out.split(separator: "\n")
            let skipped = lines.filter { $0.hasPrefix("skipped ") }.map { $0.dropFirst(8).prefix { $0 != ":" } }
            #expect(skipped == (Self.datasetsInstalled ? [] : ["test_huggingface_loads_csv", "test_huggingface_loads_jsonl"]), "\(result)")
            #expect(lines.filter { $0.hasPrefix("ok ") }.count == 6 - skipped.count, "\(result)")
        }
    }

    /// Labels whose outputs need CSV quoting: CRLF, LF, commas, quotes, tabs, emoji.
    static let notes: Data = {
        let outputs = ["two\r\nlines", "one, two", "say \"hi\"", "tab\there", "café ☕ 😀", "plain"]
        let lines = outputs.enumerated().map { index, output in
            let record: [String: Any] = [
                "task": "notes", "input_id": "note-\(index)", "input": ["text": "note \(index), \"quoted\"\nnext line"],
                "output": output, "created_at": "2026-06-0\(index + 1)T00:00:00Z", "origin": "human", "annotator": "ann-1",
            ]
            return (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
        }
        return Data(lines.joined(separator: Data("\n".utf8))) + Data("\n".utf8)
    }()
}
