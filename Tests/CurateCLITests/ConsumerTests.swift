import Foundation
import Testing

/// Real consumers: pandas, Hugging Face `datasets`, pyarrow, polars and DuckDB read the
/// export formats (`Tests/consumers/test_consumers.py`), the Parquet readers comparing every
/// value with the JSON Lines export; mlcroissant validates and loads `croissant.json` and
/// prov reads `provenance.json`. Each module's tests are skipped, with the reason, when
/// python3 cannot import that module; `scripts/test` installs them all.
@Suite("exports read by pandas, Hugging Face datasets, pyarrow, polars, DuckDB, mlcroissant and prov")
struct ConsumerTests {
    static let repository = TestFiles.repositoryRoot
    static let script = repository.appendingPathComponent("Tests/consumers/test_consumers.py")

    /// Whether `python3` can import `module` where the script runs: not in the repository,
    /// whose `datasets/` folder imports as an empty namespace package.
    static func importable(_ module: String) -> Bool {
        let check = try? ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import \(module)"],
            in: script.deletingLastPathComponent(), environment: CurateRunner.environment())
        return check?.status == 0
    }

    @Test(
        "pandas reads JSON Lines, CSV and Parquet with the rows, columns and splits of the manifest, and the formats agree",
        .enabled(if: importable("pandas"), "python3 cannot import pandas (scripts/test installs it)"))
    func pandas() throws {
        try run("pandas", tests: [
            "test_formats_agree", "test_pandas_reads_csv", "test_pandas_reads_jsonl", "test_pandas_reads_parquet", "test_pandas_recipes_keep_ids_strings",
        ])
    }

    @Test(
        "datasets.load_dataset loads the splits, and the folder itself through its card: every split by name, one task per config, ids strings",
        .enabled(if: importable("datasets"), "python3 cannot import datasets (scripts/test installs it)"))
    func huggingFace() throws {
        try run("datasets", tests: ["test_huggingface_loads_csv", "test_huggingface_loads_jsonl", "test_huggingface_loads_the_card"])
    }

    @Test(
        "pyarrow reads Parquet as strings and a UTC timestamp, every value equal to the JSON Lines export",
        .enabled(if: importable("pyarrow"), "python3 cannot import pyarrow (scripts/test installs it)"))
    func pyarrow() throws {
        try run("pyarrow", tests: ["test_pyarrow_reads_parquet"])
    }

    @Test("pyarrow reads a struct output as typed fields", .enabled(if: importable("pyarrow"), "python3 cannot import pyarrow"))
    func pyarrowStruct() throws { try structOutput("pyarrow", "test_pyarrow_reads_struct_output") }

    @Test("polars reads a struct output as a Struct column", .enabled(if: importable("polars"), "python3 cannot import polars"))
    func polarsStruct() throws { try structOutput("polars", "test_polars_reads_struct_output") }

    @Test("DuckDB reads a struct output and its members", .enabled(if: importable("duckdb"), "python3 cannot import duckdb"))
    func duckDBStruct() throws { try structOutput("duckdb", "test_duckdb_reads_struct_output") }

    @Test("pandas reads a struct output as dicts", .enabled(if: importable("pandas"), "python3 cannot import pandas"))
    func pandasStruct() throws { try structOutput("pandas", "test_pandas_reads_struct_output") }

    @Test("Hugging Face loads a struct output through the card's task config", .enabled(if: importable("datasets"), "python3 cannot import datasets"))
    func huggingFaceStruct() throws { try structOutput("datasets", "test_huggingface_loads_struct_output") }

    /// Exports a task whose label schema declares an object output as Parquet and as JSON Lines,
    /// and runs the script's `test`, which reads `output` with `module` and compares every row.
    func structOutput(_ module: String, _ test: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/vocab/schema.json", #"""
                {"type": "object", "additionalProperties": false, "required": ["word"],
                 "properties": {"word": {"type": "string"}, "sentence": {"type": "string"},
                                "level": {"enum": ["A1", "A2", "B1"]}, "count": {"type": "integer"}}}
                """#)
            let vocab = { (id: String, output: String) in
                #"{"task":"vocab","input_id":"\#(id)","output":\#(output),"created_at":"2026-06-01T12:00:00Z","origin":"human","annotator":"ana"}"#
            }
            try workspace.write("labels.jsonl", LabelLines.file([
                vocab("w-1", #"{"word":"cat","sentence":"The cat sleeps.","level":"A1","count":3}"#),
                vocab("w-2", #"{"word":"ennui"}"#),
                vocab("w-3", #"{"word":"naïve \"quoted\"","level":"B1","count":-7}"#),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "p", "--format", "parquet", "--split", "train=0.5,test=0.5"])
            try workspace.curateSucceeds(["export", "j", "--split", "train=0.5,test=0.5"])
            let result = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.script.path, "--only", module], in: workspace.root,
                environment: CurateRunner.environment([
                    "CURATE_STRUCT_PARQUET_DATASET": workspace.path("datasets/p"), "CURATE_STRUCT_JSONL_DATASET": workspace.path("datasets/j"),
                    "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
                ]))
            #expect(result.status == 0, "\(result)")
            #expect(result.out.contains("ok      \(test)"), "\(result)")
        }
    }

    @Test(
        "polars reads Parquet, every value equal to the JSON Lines export; a glob over data/ gives exactly the data rows",
        .enabled(if: importable("polars"), "python3 cannot import polars (scripts/test installs it)"))
    func polars() throws {
        try run("polars", tests: ["test_polars_globs_only_data_files", "test_polars_reads_parquet"])
    }

    @Test(
        "DuckDB reads Parquet, every value equal to the JSON Lines export, and every format's ids as strings",
        .enabled(if: importable("duckdb"), "python3 cannot import duckdb (scripts/test installs it)"))
    func duckDB() throws {
        try run("duckdb", tests: ["test_duckdb_reads_parquet", "test_duckdb_recipes_keep_ids_strings"])
    }

    @Test(
        "mlcroissant validates croissant.json with no warning and loads every record set, equal to the JSON Lines export",
        .enabled(if: importable("mlcroissant") && importable("pyarrow"), "python3 cannot import mlcroissant and pyarrow (scripts/test installs them)"))
    func croissant() throws {
        try run("mlcroissant", tests: ["test_mlcroissant_loads_csv", "test_mlcroissant_loads_jsonl", "test_mlcroissant_loads_parquet"])
    }

    @Test(
        "prov reads provenance.json: an entity per provenance tuple of the manifest, derived into the dataset",
        .enabled(if: importable("prov"), "python3 cannot import prov (scripts/test installs it)"))
    func prov() throws {
        try run("prov", tests: ["test_prov_reads_provenance"])
    }

    /// Exports the sample and the notes in every format, runs the script's tests of `module`
    /// (and those that need no module), and expects exactly `tests` and the sidecar's to pass.
    func run(_ module: String, tests: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("sample.jsonl", try Data(contentsOf: Self.repository.appendingPathComponent("examples/labels.jsonl")))
            try workspace.write("notes.jsonl", Self.notes)
            try workspace.curateSucceeds(["ingest", "sample.jsonl", "notes.jsonl"])
            // holdout: a split Hugging Face does not know by name.
            let arguments = ["--split", "train=0.8,holdout=0.1,test=0.1", "--seed", "3", "--exclude-prompt", "sentiment@v1"]
            try workspace.curateSucceeds(["export", "as-jsonl", "--prov"] + arguments)
            try workspace.curateSucceeds(["export", "as-csv", "--format", "csv"] + arguments)
            try workspace.curateSucceeds(["export", "as-parquet", "--format", "parquet"] + arguments)
            try workspace.curateSucceeds(["export", "unsplit", "--seed", "3", "--exclude-prompt", "sentiment@v1"])

            let cache = workspace.path("hf-cache")
            let result = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.script.path, "--only", module], in: workspace.root,
                environment: CurateRunner.environment([
                    "CURATE_JSONL_DATASET": workspace.path("datasets/as-jsonl"),
                    "CURATE_CSV_DATASET": workspace.path("datasets/as-csv"),
                    "CURATE_PARQUET_DATASET": workspace.path("datasets/as-parquet"),
                    "CURATE_UNSPLIT_DATASET": workspace.path("datasets/unsplit"),
                    "HF_HOME": cache, "HF_DATASETS_CACHE": cache, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
                ]))
            #expect(result.status == 0, "\(result)")
            let passed = result.out.split(separator: "\n").filter { $0.hasPrefix("ok ") }.map { $0.split(separator: " ").last.map(String.init) ?? "" }
            #expect(passed.sorted() == (tests + ["test_records_sidecar"]).sorted(), "\(result)")
        }
    }

    /// Labels whose outputs need CSV quoting: CRLF, LF, commas, quotes, tabs, emoji; one
    /// input id, "007", that a reader guessing types would take for a number.
    static let notes: Data = {
        let outputs = ["two\r\nlines", "one, two", "say \"hi\"", "tab\there", "café ☕ 😀", "plain"]
        let lines = outputs.enumerated().map { index, output in
            let record: [String: Any] = [
                "task": "notes", "input_id": index == 0 ? "007" : "note-\(index)", "input": ["text": "note \(index), \"quoted\"\nnext line"],
                "output": output, "created_at": "2026-06-0\(index + 1)T00:00:00Z", "origin": "human", "annotator": "ann-1",
            ]
            return (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
        }
        return Data(lines.joined(separator: Data("\n".utf8))) + Data("\n".utf8)
    }()
}
