import Foundation
import Testing

/// `curate.toml` and the export's metadata flags: what `croissant.json` and the manifest state.
@Suite("curate export: dataset metadata from curate.toml and flags")
struct DatasetMetadataTests {
    static let toml = """
        [dataset]
        license = "CC-BY-4.0"
        version = "1.2.0"
        description = "Reviews labelled by sentiment."

        [dataset.creator]
        name = "Example Labs"
        type = "organization"
        """

    func json(_ workspace: TempWorkspace, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try workspace.read(path)) as? [String: Any] ?? [:]
    }

    @Test("curate.toml at the workspace root gives croissant.json its metadata, a flag overrides it, the manifest records it")
    func fromFileAndFlags() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.write("curate.toml", Self.toml)
            try workspace.makeFolder("sub")
            try workspace.curateSucceeds(["export", "meta", "--dataset-version", "2.0.0", "--prov"], in: "sub")
            let croissant = try json(workspace, "datasets/meta/croissant.json")
            #expect(croissant["license"] as? String == "https://spdx.org/licenses/CC-BY-4.0.html")
            #expect(croissant["version"] as? String == "2.0.0")
            #expect(croissant["description"] as? String == "Reviews labelled by sentiment.")
            #expect((croissant["creator"] as? [String: Any])?["@type"] as? String == "sc:Organization")
            let dataset = try json(workspace, "datasets/meta/manifest.json")["dataset"] as? [String: Any]
            #expect(dataset?["version"] as? String == "2.0.0")
            #expect(dataset?["license"] as? String == "CC-BY-4.0")
            #expect(workspace.exists("datasets/meta/provenance.json"))
        }
    }

    @Test("a curate.toml with an unknown key stops the export (exit 2) naming file, line and the key meant; nothing is written")
    func badFile() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.write("curate.toml", "[dataset]\nlicence = \"MIT\"\n")
            let result = try workspace.curate(["export", "bad"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("curate.toml:2: unknown key \"licence\" (did you mean \"license\"?)"), "\(result)")
            #expect(!workspace.exists("datasets/bad"))
        }
    }

    @Test("a flag of the wrong form is a usage error (exit 2) saying what is expected")
    func badFlag() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let result = try workspace.curate(["export", "bad", "--dataset-version", "v2"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("--dataset-version: version \"v2\" is not a version MAJOR.MINOR.PATCH"), "\(result)")
            #expect(!workspace.exists("datasets/bad"))
        }
    }
}
