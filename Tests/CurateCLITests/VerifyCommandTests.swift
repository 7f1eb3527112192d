import Foundation
import Testing

/// `curate verify`: checksums and counts against the manifest; exit 0, 1 or 2.
@Suite("curate verify")
struct VerifyCommandTests {
    /// A workspace with `datasets/v` exported in `format`, split in two.
    func exported(_ workspace: TempWorkspace, format: String = "jsonl") throws {
        try workspace.exportFixture()
        try workspace.curateSucceeds(["export", "v", "--split", "train=0.5,test=0.5", "--format", format])
    }

    @Test("an intact dataset verifies by name, by folder and by manifest path", arguments: ["jsonl", "csv"])
    func intact(_ format: String) throws {
        try TempWorkspace.with { workspace in
            try exported(workspace, format: format)
            for target in ["v", "datasets/v", "datasets/v/manifest.json", workspace.path("datasets/v")] {
                let result = try workspace.curate(["verify", target])
                #expect(result.status == 0, "\(target): \(result)")
                #expect(result.out.hasPrefix("ok: v: 2 data files and "), "\(result)")
            }
            try workspace.makeFolder("prompts/deep")
            #expect(try workspace.curate(["verify", "v"], in: "prompts/deep").status == 0)
        }
    }

    @Test("a changed data file exits 1 and is named on stdout")
    func changedFile() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            let data = try workspace.read("datasets/v/train.jsonl")
            try workspace.write("datasets/v/train.jsonl", data.dropLast())
            let result = try workspace.curate(["verify", "v"])
            #expect(result.status == 1, "\(result)")
            #expect(result.out.contains("train.jsonl: sha256 is "), "\(result)")
            #expect(!result.out.contains("test.jsonl"), "\(result)")
            #expect(result.err.contains("does not match"), "\(result)")
        }
    }

    @Test("a removed file or a changed record sidecar exits 1 naming it")
    func missingFile() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            try FileManager.default.removeItem(at: workspace.url("datasets/v/test.jsonl"))
            try workspace.write("datasets/v/records.jsonl", "{}\n")
            let result = try workspace.curate(["verify", "datasets/v"])
            #expect(result.status == 1, "\(result)")
            #expect(result.out.contains("test.jsonl: missing"), "\(result)")
            #expect(result.out.contains("records.jsonl: 1 records, the manifest says"), "\(result)")
        }
    }

    @Test("no dataset, or a manifest that is not one, exits 2")
    func notADataset() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            let missing = try workspace.curate(["verify", "nope"])
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.err.contains("no dataset manifest"), "\(missing)")
            try workspace.write("datasets/v/manifest.json", "{\"format\": \"curate.manifest/9\"}")
            let foreign = try workspace.curate(["verify", "v"])
            #expect(foreign.status == 2, "\(foreign)")
            #expect(foreign.err.contains("curate.manifest/1"), "\(foreign)")
            #expect(try workspace.curate(["verify"]).status == 2)
        }
    }

    @Test("help lists the exit codes")
    func help() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["verify", "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Exit codes: 0") && result.out.contains("Examples:"))
        }
    }
}
