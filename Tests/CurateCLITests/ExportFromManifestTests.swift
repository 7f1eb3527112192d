import Foundation
import Testing

/// Reproducible exports: the manifest records the command and the store's state, and
/// `export --from-manifest` rebuilds the dataset byte for byte, or says what differs.
@Suite("export --from-manifest")
struct ExportFromManifestTests {
    static let splitArguments = ["--split", "train=0.5,test=0.5", "--seed", "3"]

    /// A workspace with the export fixture ingested and exported as `clean`.
    static func exported(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("export-labels.jsonl", to: "labels.jsonl")
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "clean", "--exclude-prompt", "v1", "--prov", "--license", "MIT"] + splitArguments)
            try body(workspace)
        }
    }

    static func manifest(_ workspace: TempWorkspace, _ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/\(name)/manifest.json")) as? [String: Any])
    }

    /// Every file of the dataset the manifest names (data files and the record list), with its bytes.
    static func files(_ workspace: TempWorkspace, _ name: String) throws -> [String: Data] {
        let manifest = try manifest(workspace, name)
        let files = try #require(manifest["files"] as? [[String: Any]])
        let records = try #require(manifest["records"] as? [String: Any])
        let paths = files.compactMap { $0["path"] as? String } + [try #require(records["path"] as? String)]
        return try Dictionary(uniqueKeysWithValues: paths.map { ($0, try workspace.read("datasets/\(name)/\($0)")) })
    }

    @Test("the manifest records the command with every default spelled out, and the store's state")
    func recordsCommandAndStore() throws {
        try Self.exported { workspace in
            let manifest = try Self.manifest(workspace, "clean")
            #expect(manifest["command"] as? [String] == [
                "curate", "export", "clean", "--exclude-prompt", "v1", "--resolve", "latest",
                "--split", "test=0.5,train=0.5", "--seed", "3", "--split-key", "input_id", "--format", "jsonl",
            ])
            let store = try #require(manifest["store"] as? [String: Any])
            #expect(store["labels"] as? Int == 18)
            #expect(store["last_ingest"] as? Int == 1)
            #expect((store["ids_sha256"] as? String)?.count == 64)
        }
    }

    @Test("the recorded command, run again, gives the same data files")
    func commandReproduces() throws {
        try Self.exported { workspace in
            let command = try #require(try Self.manifest(workspace, "clean")["command"] as? [String])
            var arguments = Array(command.dropFirst())
            arguments[1] = "again"
            try workspace.curateSucceeds(arguments)
            #expect(try Self.files(workspace, "again") == Self.files(workspace, "clean"))
        }
    }

    @Test("a dataset whose data file was deleted is rebuilt in place, byte-identical, its metadata files included")
    func rebuildsInPlace() throws {
        try Self.exported { workspace in
            let before = try Self.files(workspace, "clean")
            let documents = ["manifest.json", "croissant.json", "provenance.json"]
            let documentsBefore = try documents.map { try workspace.read("datasets/clean/\($0)") }
            let deleted = try #require(before.keys.first { $0 != "records.jsonl" && $0.hasSuffix(".jsonl") })
            try FileManager.default.removeItem(atPath: workspace.path("datasets/clean/\(deleted)"))
            let result = try workspace.curateSucceeds(["export", "--from-manifest", "datasets/clean/manifest.json"])
            #expect(result.out.contains("byte-identical"), "\(result)")
            #expect(result.out.contains("manifest.json is identical too"), "\(result)")
            #expect(try Self.files(workspace, "clean") == before)
            // The metadata (license) and provenance.json come back too, from the manifest alone.
            #expect(try documents.map { try workspace.read("datasets/clean/\($0)") } == documentsBefore)
            #expect(try workspace.curate(["verify", "clean"]).status == 0)
        }
    }

    @Test("labels ingested after the export are left out, so the rebuild is still identical")
    func laterIngestsLeftOut() throws {
        try Self.exported { workspace in
            let before = try Self.files(workspace, "clean")
            try workspace.write("more.jsonl", LabelLines.file([
                #"{"task":"sentiment","input_id":"rev-99","input":{"text":"New."},"output":"positive","created_at":"2026-10-02T10:00:00Z","origin":"human","annotator":"ann-9"}"#,
            ]))
            try workspace.curateSucceeds(["ingest", "more.jsonl"])
            // A plain re-export now sees the new label; the rebuild does not.
            try workspace.curateSucceeds(["export", "now", "--exclude-prompt", "v1"] + Self.splitArguments)
            #expect(try Self.files(workspace, "now") != before)
            try workspace.curateSucceeds(["export", "--from-manifest", "datasets/clean/manifest.json", "rebuilt"])
            #expect(try Self.files(workspace, "rebuilt") == before)
            let store = try #require(try Self.manifest(workspace, "rebuilt")["store"] as? [String: Any])
            #expect(store["labels"] as? Int == 18)
            #expect(store["last_ingest"] as? Int == 1)
        }
    }

    @Test("a store that changed since says what differs, exits 1 and writes nothing")
    func differenceReported() throws {
        try Self.exported { workspace in
            let before = try Self.files(workspace, "clean")
            try workspace.curateSucceeds(["flag", "run", "run-20260710-sentiment", "--reason", "bad batch"])
            let result = try workspace.curate(["export", "--from-manifest", "datasets/clean/manifest.json"])
            #expect(result.status == 1, "\(result)")
            #expect(result.out.contains("could not rebuild datasets/clean/ byte-identically; nothing was written"), "\(result)")
            #expect(result.out.contains("the store holds the same labels: flags, retractions or backfilled hashes changed since"), "\(result)")
            #expect(result.out.contains("result: different"), "\(result)")
            #expect(try Self.files(workspace, "clean") == before)
            #expect(!workspace.exists("datasets/.curate-staging"))

            let json = try workspace.curate(["export", "--from-manifest", "datasets/clean/manifest.json", "--json"])
            #expect(json.status == 1)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
            #expect(report["identical"] as? Bool == false)
            #expect(report["manifest"] is NSNull)
            let difference = try #require(report["difference"] as? [String: Any])
            #expect((difference["differences"] as? [String])?.contains("records") == true)
        }
    }

    @Test("into another existing dataset it needs --force; rules beside --from-manifest are a usage error")
    func usage() throws {
        try Self.exported { workspace in
            try workspace.curateSucceeds(["export", "other", "--task", "intent"])
            let refused = try workspace.curate(["export", "--from-manifest", "datasets/clean/manifest.json", "other"])
            #expect(refused.status == 2, "\(refused)")
            try workspace.curateSucceeds(["export", "--from-manifest", "datasets/clean/manifest.json", "other", "--force"])
            #expect(try Self.files(workspace, "other") == Self.files(workspace, "clean"))

            for extra in [["--format", "csv"], ["--license", "MIT"], ["--prov"]] {
                let mixed = try workspace.curate(["export", "--from-manifest", "datasets/clean/manifest.json"] + extra)
                #expect(mixed.status == 2, "\(mixed)")
            }
            let mixed = try workspace.curate(["export", "--from-manifest", "datasets/clean/manifest.json", "--task", "intent"])
            #expect(mixed.status == 2)
            #expect(mixed.err.contains("--from-manifest takes the rules"), "\(mixed)")
            let noName = try workspace.curate(["export"])
            #expect(noName.status == 2)
            let missing = try workspace.curate(["export", "--from-manifest", "datasets/nosuch/manifest.json"])
            #expect(missing.status == 2, "\(missing)")
        }
    }
}
