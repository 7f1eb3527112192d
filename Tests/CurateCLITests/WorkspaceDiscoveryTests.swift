import Foundation
import Testing

/// How every command finds its store: the workspace from the current folder upwards,
/// or `--store PATH` / `CURATE_STORE`; outside a workspace a command says so and exits 2.
@Suite("workspace discovery")
struct WorkspaceDiscoveryTests {
    @Test("commands run in a subfolder use the workspace above it", arguments: ["prompts", "datasets/v1", "notes/2026/june"])
    func findsTheWorkspaceUpwards(subfolder: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.makeFolder(subfolder)
            try workspace.copyFixture("labels-small.jsonl", to: "\(subfolder)/labels.jsonl")
            let lines = try TestFiles.fixtureLines("labels-small.jsonl").count

            let ingest = try workspace.curate(["ingest", "labels.jsonl"], in: subfolder)
            #expect(ingest.status == 0, "\(ingest)")
            #expect(try workspace.labelCount(in: subfolder) == lines)
            #expect(try workspace.labelCount() == lines, "the labels did not reach the workspace's store")
            #expect(!workspace.exists("\(subfolder)/.curate"), "a command made a second store in the subfolder")
        }
    }

    @Test("the nearest workspace wins over one further up")
    func nearestWorkspaceWins() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.initWorkspace(in: "team/inner")
            try workspace.write("team/inner/sub/one.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))

            try workspace.curateSucceeds(["ingest", "one.jsonl"], in: "team/inner/sub")
            #expect(try workspace.labelCount(in: "team/inner") == 1)
            #expect(try workspace.labelCount() == 0)
        }
    }

    @Test("outside a workspace a command says so and exits 2", arguments: [
        ["stats"], ["stats", "--json"], ["ingest", "labels.jsonl"], ["ingest", "-"],
    ])
    func outsideAWorkspace(arguments: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.write("folder/labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let storeAbove = workspace.root.pathComponents.indices.map { end in
                NSString.path(withComponents: Array(workspace.root.pathComponents[...end]) + [".curate", "store.sqlite"])
            }.first { FileManager.default.fileExists(atPath: $0) }
            try #require(storeAbove == nil, "the temporary folder is inside a workspace (\(storeAbove ?? "")); run the tests elsewhere")
            let before = workspace.listing()

            let stdin = Data(LabelLines.llm(inputID: "b").utf8)
            let result = try workspace.curate(arguments, in: "folder", stdin: .bytes(stdin))
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.err.contains("workspace"), "the error does not say what is missing: \(result)")
            #expect(result.err.contains("curate init"), "the error does not say what to do: \(result)")
            #expect(result.err.split(separator: "\n").count == 1, "expected one line on stderr: \(result)")
            #expect(workspace.listing() == before, "a refused command left files behind")
        }
    }

    /// How a test names another store.
    enum StoreChoice: String, CaseIterable, CustomTestStringConvertible {
        case flag, environment, flagOverEnvironment
        var testDescription: String { rawValue }
    }

    @Test("--store and CURATE_STORE name another store, the flag winning", arguments: StoreChoice.allCases)
    func explicitStore(choice: StoreChoice) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace(in: "here")
            try workspace.initWorkspace(in: "other")
            try workspace.initWorkspace(in: "decoy")
            try workspace.write("here/labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a"), LabelLines.llm(inputID: "b")]))
            let other = workspace.path("other/.curate/store.sqlite")
            let decoy = workspace.path("decoy/.curate/store.sqlite")
            let (arguments, environment): ([String], [String: String]) =
                switch choice {
                case .flag: (["--store", other], [:])
                case .environment: ([], ["CURATE_STORE": other])
                case .flagOverEnvironment: (["--store", other], ["CURATE_STORE": decoy])
                }

            let ingest = try workspace.curate(["ingest", "labels.jsonl"] + arguments, in: "here", environment: environment)
            #expect(ingest.status == 0, "\(ingest)")
            #expect(try workspace.labelCount(in: "here", arguments: arguments, environment: environment) == 2)
            #expect(try workspace.labelCount(in: "other") == 2)
            #expect(try workspace.labelCount(in: "here") == 0, "the workspace's own store was written")
            #expect(try workspace.labelCount(in: "decoy") == 0, "CURATE_STORE won over --store")
        }
    }

    @Test("a relative --store is resolved from the current folder")
    func relativeStorePath() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace(in: "other")
            try workspace.write("a/b/labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))

            let ingest = try workspace.curate(["ingest", "labels.jsonl", "--store", "../../other/.curate/store.sqlite"], in: "a/b")
            #expect(ingest.status == 0, "\(ingest)")
            #expect(try workspace.labelCount(in: "other") == 1)
        }
    }

    @Test("stats with a --store that does not exist exits 2 and creates nothing", arguments: [false, true])
    func missingExplicitStore(viaEnvironment: Bool) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let missing = workspace.path("nowhere/store.sqlite")
            let result = viaEnvironment
                ? try workspace.curate(["stats"], environment: ["CURATE_STORE": missing])
                : try workspace.curate(["stats", "--store", missing])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains(missing), "the error does not name the store: \(result)")
            #expect(!workspace.exists("nowhere"))
        }
    }

    @Test("an empty CURATE_STORE is ignored")
    func emptyEnvironmentStore() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let ingest = try workspace.curate(["ingest", "labels.jsonl"], environment: ["CURATE_STORE": ""])
            #expect(ingest.status == 0, "\(ingest)")
            #expect(try workspace.labelCount() == 1)
        }
    }
}
