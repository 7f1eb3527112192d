import Foundation
import Testing

/// `curate export`: selection, resolution, splits, formats, the manifest, and exit codes.
@Suite("curate export")
struct ExportCommandTests {
    static let splitArguments = [
        "export", "golden", "--task", "sentiment", "--exclude-prompt", "v1",
        "--split", "train=0.8,validation=0.1,test=0.1", "--seed", "7",
    ]

    @Test("golden manifest: a split JSON Lines export; --force with the same arguments gives the same bytes")
    func goldenSplitManifest() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let result = try workspace.curate(Self.splitArguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.out.hasPrefix("exported 6 records of 6 inputs to datasets/golden/\n"), "\(result)")
            let manifest = try workspace.text("datasets/golden/manifest.json")
            Snapshot.expect(ExportCLI.scrubCreatedAt(manifest), matches: "export-split.manifest.json")
            #expect(workspace.listing("datasets/golden") == [
                "README.md", "croissant.json", "data", "data/test-00000-of-00001.jsonl", "data/train-00000-of-00001.jsonl",
                "data/validation-00000-of-00001.jsonl", "manifest.json", "records.ids",
            ])
            let files = try workspace.dataFiles("datasets/golden")

            let again = try workspace.curate(Self.splitArguments + ["--force"])
            #expect(again.status == 0, "\(again)")
            #expect(try workspace.dataFiles("datasets/golden") == files)
            #expect(ExportCLI.scrubCreatedAt(try workspace.text("datasets/golden/manifest.json")) == ExportCLI.scrubCreatedAt(manifest))
            #expect(workspace.listing("datasets") == ["golden"] + workspace.listing("datasets/golden").map { "golden/\($0)" })
        }
    }

    @Test("golden manifest: CSV, majority, model glob, time range, excluded run and the flags that applied")
    func goldenCSVManifest() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let clock = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z
            try workspace.curateSucceeds(["flag", "model", "gpt-4o-mini-*", "--reason", "fallback model, noisier"], environment: clock)
            try workspace.curateSucceeds(["flag", "prompt", "791c662", "--reason", "labels sarcasm positive"], environment: clock)
            let result = try workspace.curate([
                "export", "majority", "--format", "csv", "--resolve", "majority", "--include-model", "claude-*",
                "--since", "2026-06-02", "--until", "2026-10-31T00:00:00Z", "--exclude-run", "run-20260903-intent",
            ], environment: clock)
            #expect(result.status == 0, "\(result)")
            let manifest = try workspace.text("datasets/majority/manifest.json")
            #expect(manifest.contains("\"created_at\": \"2026-11-01T00:00:00Z\""))
            Snapshot.expect(manifest, matches: "export-csv-majority.manifest.json")
            // Two tasks: a file each, intent's first; read in order, they are the split's rows.
            let files = try workspace.manifestFiles("majority").compactMap { $0["path"] as? String }
            #expect(files == ["data/train-00000-of-00002.csv", "data/train-00001-of-00002.csv"])
            Snapshot.expect(try files.map { try workspace.text("datasets/majority/\($0)") }.joined(), matches: "export-csv-majority.csv")
        }
    }

    @Test("--dry-run prints the records per provenance tuple and split, and writes nothing")
    func dryRun() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let result = try workspace.curate(["export", "preview", "--split", "train=0.5,test=0.5", "--dry-run"])
            #expect(result.status == 0, "\(result)")
            Snapshot.expect(result.out, matches: "export-dry-run.txt")
            #expect(workspace.listing("datasets").isEmpty)
        }
    }

    @Test("an existing dataset is refused without --force and left as it was")
    func existingDataset() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "d", "--task", "intent"])
            let before = try workspace.dataFiles("datasets/d")
            let refused = try workspace.curate(["export", "d", "--task", "sentiment"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.contains("already exists") && refused.err.contains("--force"), "\(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(try workspace.dataFiles("datasets/d") == before)
            try workspace.curateSucceeds(["export", "d", "--task", "sentiment", "--force"])
            #expect(try workspace.text("datasets/d/data/train-00000-of-00001.jsonl").contains("\"task\":\"sentiment\""))
            #expect(workspace.listing("datasets").filter { !$0.hasPrefix("d/") && $0 != "d" }.isEmpty, "a staging folder was left behind")
        }
    }

    /// A refused export: the arguments, and words its message must contain.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let mentions: [String]
        var testDescription: String { "curate export \(arguments.joined(separator: " "))" }

        init(_ arguments: [String], _ mentions: [String]) {
            self.arguments = arguments
            self.mentions = mentions
        }
    }

    static let refusals: [Refusal] = [
        Refusal(["x", "--exclude-prompt", "v9"], ["v9", "sentiment@v3#6dbc62114908", "intent@v2#cf0db34409e8"]),
        Refusal(["x", "--include-prompt", "1234567"], ["1234567", "matches no prompt"]),
        Refusal(["x", "--exclude-prompt", "sentiment@v3#"], ["hex digits"]),
        Refusal(["x", "--task", "intent", "--exclude-prompt", "sentiment@v1"], ["intent@v1#dc84f06977e1"]),
        Refusal(["x", "--include-model", "llama*"], ["llama*", "claude-3-5-haiku-20241022", "gpt-4o-mini-2024-07-18"]),
        Refusal(["x", "--task", "nope"], ["nope", "intent, sentiment"]),
        Refusal(["x", "--exclude-run", "run-2026"], ["run-2026", "run-20260601-sentiment"]),
        Refusal(["x", "--split", "train=0.8,test=0.1"], ["add up to"]),
        Refusal(["x", "--split", "train=0.8,records=0.2"], ["reserved"]),
        Refusal(["x", "--since", "last week"], ["--since", "RFC 3339"]),
        Refusal(["x", "--since", "2026-10-01", "--until", "2026-09-01"], ["not before"]),
        Refusal(["x", "--origin", "robot"], ["robot"]),
        Refusal(["x", "--resolve", "random"], ["random"]),
        Refusal(["x", "--format", "xlsx"], ["xlsx"]),
        Refusal(["x", "--seed", "-1"], ["seed"]),
        Refusal(["../escape"], ["leave datasets/"]),
        Refusal(["a/b"], ["leave datasets/"]),
        Refusal([".hidden"], ["starts with"]),
        Refusal(["x", "--since", "2030-01-01"], ["no label to export"]),
        Refusal([], ["name"]),
    ]

    @Test("refused exports exit 2 with the reason (and candidates) on stderr, and write nothing", arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let result = try workspace.curate(["export"] + refusal.arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            for word in refusal.mentions { #expect(result.err.contains(word), "stderr does not mention \(word): \(result)") }
            #expect(workspace.listing("datasets").isEmpty, "something was written: \(workspace.listing("datasets"))")
            #expect(!workspace.exists("escape"))
        }
    }

    @Test("a word that is both a prompt name and a version label is ambiguous; *@ and @* disambiguate")
    func ambiguousWord() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let odd = #"{"task":"sentiment","input_id":"rev-9","output":"neutral","created_at":"2026-06-01T00:00:00Z","model":"m","prompt":{"name":"v2","version":"draft","text":"odd"}}"#
            try workspace.write("odd.jsonl", odd + "\n")
            try workspace.curateSucceeds(["ingest", "odd.jsonl"])
            let result = try workspace.curate(["export", "x", "--exclude-prompt", "v2"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("ambiguous") && result.err.contains("v2@*") && result.err.contains("*@v2"), "\(result)")
            #expect(try workspace.curate(["export", "x", "--exclude-prompt", "*@v2", "--dry-run"]).status == 0)
        }
    }

    @Test("resolve policies and human priority, end to end")
    func resolvePolicies() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "latest", "--task", "sentiment"])
            try workspace.curateSucceeds(["export", "majority", "--task", "sentiment", "--resolve", "majority"])
            try workspace.curateSucceeds(["export", "all", "--task", "sentiment", "--resolve", "all"])
            try workspace.curateSucceeds(["export", "people", "--task", "intent"])
            try workspace.curateSucceeds(["export", "machines", "--task", "intent", "--no-human-priority"])
            let latest = try workspace.dataRows("latest")
            #expect(latest.map { $0["input_id"] as? String } == ["rev-1", "rev-2", "rev-3", "rev-4", "rev-5", "rev-6", "rev-7"])
            #expect(latest.first?["origin"] as? String == "human")
            #expect(try workspace.dataRows("majority").compactMap { $0["output"] as? String }
                == ["neutral", "positive", "negative", "neutral", "neutral", "positive", "negative"])
            #expect(try workspace.dataRows("all").count == 11)
            // tkt-2: an older human label beats a newer LLM one, unless --no-human-priority.
            #expect(try workspace.dataRows("people").compactMap { $0["output"] as? String } == ["shipping", "billing", "billing", "refund"])
            #expect(try workspace.dataRows("machines").compactMap { $0["output"] as? String } == ["shipping", "refund", "billing", "refund"])
        }
    }

    @Test("CSV follows RFC 4180: quotes, commas, CR, LF and unicode survive")
    func csvQuoting() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "c", "--format", "csv", "--task", "sentiment", "--include-prompt", "sentiment@v1", "--origin", "llm"])
            let text = try workspace.text("datasets/c/data/train-00000-of-00001.csv")
            #expect(text.hasPrefix("input_id,input,output,id,task,split,origin,model,annotator,prompt,prompt_sha256,hash_status,run,created_at,supersedes\r\n"))
            #expect(text.contains("\r\nrev-2,\"{\"\"text\"\":\"\"She said \\\"\"fine\\\"\", then\\nleft. Ça va? 😀 — ok\"\"}\",positive,"), "\(text)")
            #expect(text.hasSuffix("\r\n"))
            try workspace.curateSucceeds(["export", "i", "--format", "csv", "--task", "intent"])
            let intent = try workspace.text("datasets/i/data/train-00000-of-00001.csv")
            #expect(intent.contains("\"Invoice #4411 is wrong, \\\"\"VAT\\\"\" missing\""), "\(intent)")
            // A JSON string input is written as its text: a raw CRLF, a comma and quotes inside one quoted field.
            #expect(intent.contains("\r\ntkt-4,\"Hi,\r\nI want a \"\"refund\"\" 🙏\",refund,"), "\(intent)")
        }
    }

    @Test("with --store and no workspace, datasets/ is made in the current folder")
    func storeWithoutWorkspace() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture(in: "ws")
            try workspace.makeFolder("elsewhere")
            let result = try workspace.curate(["export", "out", "--store", "../ws/.curate/store.sqlite"], in: "elsewhere")
            #expect(result.status == 0, "\(result)")
            #expect(workspace.exists("elsewhere/datasets/out/manifest.json"))
            #expect(!workspace.exists("ws/datasets/out"))
        }
    }

    @Test("from a subfolder, the workspace's datasets/ is used")
    func fromSubfolder() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.makeFolder("prompts/deep")
            try workspace.curateSucceeds(["export", "sub"], in: "prompts/deep")
            #expect(workspace.exists("datasets/sub/data/train-00000-of-00002.jsonl"))
        }
    }

    @Test("help explains selection, resolution, splits and exit codes")
    func help() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["export", "--help"])
            #expect(result.status == 0)
            for word in ["Exit codes:", "--include-prompt", "--no-human-priority", "--dry-run", "majority", "SHA-256", "Examples:"] {
                #expect(result.out.contains(word), "help lacks \(word)")
            }
        }
    }
}

/// What the export, verify and flag command tests share.
enum ExportCLI {
    /// The manifest with its top-level `created_at` (two spaces in) replaced by a placeholder.
    static func scrubCreatedAt(_ manifest: String) -> String {
        manifest.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("  \"created_at\": ") ? "  \"created_at\": \"<created_at>\"," : String(line)
        }.joined(separator: "\n")
    }
}

extension TempWorkspace {
    /// A workspace in `directory` with `Fixtures/export-labels.jsonl` ingested.
    func exportFixture(in directory: String = "") throws {
        try initWorkspace(in: directory)
        try copyFixture("export-labels.jsonl", to: directory.isEmpty ? "export-labels.jsonl" : "\(directory)/export-labels.jsonl")
        try curateSucceeds(["ingest", "export-labels.jsonl"], in: directory)
    }

    func text(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Every file of a dataset folder but the manifest and croissant.json (both carry the export time), by name.
    func dataFiles(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in listing(folder) where name != "manifest.json" && name != "croissant.json" && name != "data" { files[name] = try read("\(folder)/\(name)") }
        return files
    }

    /// The rows of a JSON Lines file.
    func jsonRows(_ path: String) throws -> [[String: Any]] {
        try read(path).split(separator: 0x0A).map { line in
            guard let row = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw SetupFailure(step: "parse a row of \(path)", output: nil)
            }
            return row
        }
    }
}
