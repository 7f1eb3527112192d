import Foundation
import Testing

/// Only `curate init` creates a store: every other command given a store that is not there
/// stops, and a store file that is empty or not a curate store is reported, never reused.
@Suite("the store a command is given")
struct StorePathTests {
    /// Every command that opens the store, as run in a workspace holding `labels.jsonl`.
    static let storeCommands: [[String]] = [
        ["ingest", "labels.jsonl"], ["stats"], ["prompts"], ["export", "out"], ["backfill", "--from-git"],
        ["flag", "model", "m", "--reason", "noisy"], ["unflag", "model", "m"], ["flags"], ["check"],
    ]

    @Test("a store that does not exist stops the command with exit 2, says how to make one, and is not created", arguments: storeCommands)
    func missingStore(command: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let before = try workspace.dump()
            let typo = workspace.path(".curate/stroe.sqlite")

            let result = try workspace.curate(command + ["--store", typo])
            #expect(result.status == 2 && !result.killedBySignal, "\(result)")
            #expect(result.err.contains("no store at \(typo)") && result.err.contains("'curate init'"), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(!workspace.exists(".curate/stroe.sqlite"))
            #expect(try workspace.dump() == before, "the workspace's own store changed")
        }
    }

    @Test("a mistyped CURATE_STORE sends no label anywhere")
    func mistypedEnvironment() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let result = try workspace.curate(["ingest", "labels.jsonl"], environment: ["CURATE_STORE": "labels.sqilte"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains(workspace.path("labels.sqilte")), "\(result)")
            #expect(!workspace.exists("labels.sqilte"))
            #expect(try workspace.labelCount() == 0)
        }
    }

    @Test("a store emptied to 0 bytes is reported as damaged by every command, with what to do, and left as it is",
          arguments: storeCommands + [["init"]])
    func emptiedStore(command: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.write(TempWorkspace.store, Data())

            let result = try workspace.curate(command)
            #expect(result.status == 3 && !result.killedBySignal, "\(result)")
            let store = workspace.path(TempWorkspace.store)
            #expect(result.err.contains("the store \(store) is damaged: the file is empty (0 bytes)"), "\(result)")
            #expect(result.err.contains("restore it from a backup"), "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(try workspace.read(TempWorkspace.store).isEmpty, "the empty store was set up as a new one")
        }
    }

    @Test("a SQLite database that is not a curate store is refused (exit 2) and left unchanged")
    func foreignDatabase() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.write("app.db", Data())
            _ = try workspace.sqlite("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');", store: "app.db")
            let before = try workspace.read("app.db")

            let result = try workspace.curate(["ingest", "labels.jsonl", "--store", "app.db"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("\(workspace.path("app.db")) is a SQLite database but not a curate store"), "\(result)")
            #expect(try workspace.read("app.db") == before)
        }
    }
}
