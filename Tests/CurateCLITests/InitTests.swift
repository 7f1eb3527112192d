import Foundation
import Testing

/// `curate init`: the workspace layout, a store git ignores, and a second run that changes nothing.
@Suite("curate init")
struct InitTests {
    @Test("init makes prompts/, datasets/ and a working store in .curate/")
    func makesTheWorkspace() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["init"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
            Snapshot.expect(workspace.scrub(result.out), matches: "init.txt")

            var isFolder: ObjCBool = false
            for folder in ["prompts", "datasets", ".curate"] {
                #expect(FileManager.default.fileExists(atPath: workspace.path(folder), isDirectory: &isFolder) && isFolder.boolValue, "\(folder) is missing")
            }
            #expect(workspace.exists(".curate/.gitignore"))
            // The store is a real SQLite database with the schema in place.
            #expect(try workspace.sqlite("PRAGMA integrity_check;") == "ok\n")
            #expect(try workspace.statsJSON().isEmpty)
        }
    }

    @Test("git ignores the store but not the prompts")
    func gitIgnoresTheStore() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/v1.txt", "Classify: {{text}}\n")
            let git = URL(fileURLWithPath: "/usr/bin/env")
            let environment = CurateRunner.environment()
            let initialized = try ChildProcess.run(git, ["git", "init", "--quiet"], in: workspace.root, environment: environment)
            try #require(initialized.status == 0, "git init failed: \(initialized)")

            let store = try ChildProcess.run(git, ["git", "check-ignore", "--quiet", TempWorkspace.store], in: workspace.root, environment: environment)
            #expect(store.status == 0, "git does not ignore the store: \(store)")
            let prompt = try ChildProcess.run(git, ["git", "check-ignore", "--quiet", "prompts/sentiment/v1.txt"], in: workspace.root, environment: environment)
            #expect(prompt.status == 1, "git ignores a prompt template: \(prompt)")
        }
    }

    @Test("a second init reports the workspace and changes nothing")
    func secondInitChangesNothing() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            try workspace.write(".curate/.gitignore", "# mine\n*\n")
            let dumpBefore = try workspace.dump()

            let again = try workspace.curate(["init"])
            #expect(again.status == 0, "\(again)")
            Snapshot.expect(workspace.scrub(again.out), matches: "init-again.txt")
            #expect(try workspace.dump() == dumpBefore)
            #expect(try workspace.read(".curate/.gitignore") == Data("# mine\n*\n".utf8))
        }
    }

    @Test("init completes a folder that already has prompts, keeping them")
    func completesAPartialWorkspace() throws {
        try TempWorkspace.with { workspace in
            let template = Data("Classify the intent: {{text}}\r\n".utf8)
            try workspace.write("prompts/intent/v1.txt", template)

            let result = try workspace.curate(["init"])
            #expect(result.status == 0, "\(result)")
            #expect(!result.out.contains("created prompts/"), "init claims to have made prompts/: \(result)")
            #expect(result.out.contains("created datasets/"), "\(result)")
            #expect(try workspace.read("prompts/intent/v1.txt") == template)
            #expect(workspace.exists(TempWorkspace.store))
        }
    }

    @Test("init --store puts the store at the given path, making its folder", arguments: ["labels.sqlite", "stores/labels.sqlite", "stores/deeper/labels.sqlite"])
    func initWithExplicitStore(store: String) throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["init", "--store", store])
            #expect(result.status == 0, "\(result)")
            #expect(workspace.exists(store), "no store at \(store)")
            #expect(!workspace.exists(TempWorkspace.store), "init made the default store as well")
            if workspace.exists(store) {
                #expect(try workspace.sqlite("PRAGMA integrity_check;", store: store) == "ok\n")
            }
        }
    }
}
