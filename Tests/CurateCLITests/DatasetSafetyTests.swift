import Foundation
import Testing

/// `verify` and `diff` read only what a dataset is: regular files inside its folder that
/// match its manifest. Every child here is killed should it run for a minute, so a
/// regression fails instead of hanging the suite.
@Suite("verify and diff: files that are not the dataset's")
struct DatasetSafetyTests {
    static let limit = 60.0

    /// A workspace with `datasets/a` and `datasets/b` exported from the same labels.
    func twoExports(_ workspace: TempWorkspace) throws {
        try workspace.exportFixture()
        try workspace.curateSucceeds(["export", "a", "--split", "train=0.5,test=0.5"])
        try workspace.curateSucceeds(["export", "b", "--split", "train=0.5,test=0.5"])
    }

    func run(_ workspace: TempWorkspace, _ arguments: [String]) throws -> ProcessOutput {
        try workspace.start(arguments).wait(killingAfter: Self.limit)
    }

    @Test("a data file that is a link to /dev/zero, a FIFO, or a link out of the folder: verify exits 1, diff 2, neither hangs")
    func notRegular() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let train = try workspace.dataFile("b", task: "sentiment")
            try workspace.write("secret.jsonl", try workspace.read(train))
            let file = workspace.path(train)
            let cases: [(String, () throws -> Void)] = [
                ("a symbolic link to /dev/zero, outside the dataset folder", { try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: "/dev/zero") }),
                ("it is a FIFO (named pipe)", { #expect(mkfifo(file, 0o644) == 0) }),
                ("outside the dataset folder", { try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: "../../../secret.jsonl") }),
            ]
            for (reason, make) in cases {
                try FileManager.default.removeItem(atPath: file)
                try make()
                let verify = try run(workspace, ["verify", "b"])
                #expect(verify.status == 1 && !verify.killedBySignal, "\(reason): \(verify)")
                #expect(verify.out.contains("data/train-00001-of-00002.jsonl: not read: ") && verify.out.contains(reason), "\(verify)")
                let diff = try run(workspace, ["diff", "a", "b"])
                #expect(diff.status == 2 && !diff.killedBySignal, "\(reason): \(diff)")
                #expect(diff.err.contains("data/train-00001-of-00002.jsonl") && diff.err.contains(reason), "\(diff)")
            }
        }
    }

    @Test("a data folder that is a link out of the dataset folder: its files are not read")
    func dataFolderLinkedOut() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            try FileManager.default.moveItem(at: workspace.url("datasets/b/data"), to: workspace.url("elsewhere"))
            try FileManager.default.createSymbolicLink(atPath: workspace.path("datasets/b/data"), withDestinationPath: "../../elsewhere")
            let verify = try run(workspace, ["verify", "b"])
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.out.contains("data/train-00001-of-00002.jsonl: not read: a symbolic link on its way leads it to "), "\(verify)")
            #expect(verify.out.contains("outside the dataset folder"), "\(verify)")
            let diff = try run(workspace, ["diff", "a", "b"])
            #expect(diff.status == 2 && diff.err.contains("outside the dataset folder"), "\(diff)")
        }
    }

    @Test("a link to a file inside the dataset folder is followed")
    func linkInside() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let folder = workspace.url("datasets/b")
            let train = folder.appendingPathComponent("data/train-00001-of-00002.jsonl")
            try FileManager.default.moveItem(at: train, to: folder.appendingPathComponent("train.real"))
            try FileManager.default.createSymbolicLink(atPath: train.path, withDestinationPath: "../train.real")
            let verify = try run(workspace, ["verify", "b"])
            #expect(verify.status == 0, "\(verify)")
            #expect(try run(workspace, ["diff", "a", "b"]).status == 0)
        }
    }

    @Test("diff refuses (exit 2) a side whose files do not match its manifest, instead of calling it the same")
    func unverifiedSide() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            #expect(try run(workspace, ["diff", "a", "b"]).status == 0)

            // The same rows, one input payload edited: diff compares outputs, so it saw "same".
            let train = try workspace.dataFile("b", task: "sentiment")
            let text = try workspace.text(train)
            let edited = text.replacingOccurrences(of: "\"input\":{", with: "\"input\":{\"edited\":true,", options: [], range: text.range(of: "\"input\":{"))
            #expect(edited != text)
            try workspace.write(train, edited)
            let changed = try run(workspace, ["diff", "a", "b"])
            #expect(changed.status == 2, "\(changed)")
            #expect(changed.err.contains("b does not match its manifest (data/train-00001-of-00002.jsonl: sha256 is "), "\(changed)")
            #expect(changed.err.contains("curate verify"), "\(changed)")
            #expect(changed.out.isEmpty, "\(changed)")

            // A manifest whose record sidecar is gone.
            try workspace.write(train, text)
            try FileManager.default.removeItem(at: workspace.url("datasets/b/records.ids"))
            let missing = try run(workspace, ["diff", "a", "b", "--json"])
            #expect(missing.status == 2 && missing.err.contains("records.ids: missing"), "\(missing)")

            // An edited card: diff names it, as verify does.
            try workspace.curateSucceeds(["export", "b", "--split", "train=0.5,test=0.5", "--force"])
            try workspace.write("datasets/b/README.md", try workspace.text("datasets/b/README.md") + "edited\n")
            let card = try run(workspace, ["diff", "a", "b"])
            #expect(card.status == 2 && card.err.contains("README.md: sha256 is "), "\(card)")
        }
    }
}
