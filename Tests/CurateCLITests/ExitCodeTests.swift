import Foundation
import Testing

/// Exit codes: 0 success, 2 usage errors and bad input (argument-parser's 64 mapped to 2),
/// with diagnostics on standard error and nothing but data on standard output.
@Suite("exit codes")
struct ExitCodeTests {
    /// One invocation in a workspace holding `good.jsonl`, `bad.jsonl` and a folder `folder/`.
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        var testDescription: String { "curate \(arguments.joined(separator: " ")) → \(status)" }

        init(_ arguments: [String], _ status: Int32) {
            self.arguments = arguments
            self.status = status
        }
    }

    static let cases: [Case] = [
        Case(["--version"], 0),
        Case(["--help"], 0),
        Case(["ingest", "--help"], 0),
        Case(["stats"], 0),
        Case(["ingest", "good.jsonl"], 0),
        Case(["ingest", "--skip-invalid", "bad.jsonl"], 0),
        Case(["frobnicate"], 2),
        Case(["stats", "--bogus"], 2),
        Case(["stats", "--task"], 2),
        Case(["ingest"], 2),
        Case(["ingest", "-", "-"], 2),
        Case(["ingest", "--reject", "rejects.jsonl", "good.jsonl"], 2),
        Case(["ingest", "--skip-invalid", "--reject"], 2),
        Case(["ingest", "bad.jsonl"], 2),
        Case(["ingest", "missing.jsonl"], 2),
        Case(["ingest", "folder"], 2),
        Case(["stats", "--store", "missing.sqlite"], 2),
    ]

    @Test("exit status and where the words go", arguments: cases)
    func exitStatus(of invocation: Case) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.makeFolder("folder")
            try workspace.write("good.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.write("bad.jsonl", LabelLines.file([LabelLines.llm(inputID: "a", createdAt: "soon")]))

            let result = try workspace.curate(invocation.arguments)
            #expect(!result.killedBySignal, "\(result)")
            #expect(result.status == invocation.status, "\(result)")
            if invocation.status == 0 {
                #expect(!result.stdout.isEmpty, "\(result)")
            } else {
                #expect(result.stdout.isEmpty, "a failing command wrote to standard output: \(result)")
                #expect(!result.stderr.isEmpty, "a failing command said nothing: \(result)")
            }
        }
    }

    @Test("a refused invocation's usage error leaves the store unchanged")
    func usageErrorChangesNothing() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("good.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let before = try workspace.dump()
            let result = try workspace.curate(["ingest", "--reject", "rejects.jsonl", "good.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(try workspace.dump() == before)
            #expect(!workspace.exists("rejects.jsonl"))
        }
    }
}
