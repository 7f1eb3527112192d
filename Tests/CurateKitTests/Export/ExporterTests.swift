import Foundation
import Testing
@testable import CurateKit

@Suite("Export: selection, resolution, files")
struct ExporterTests {
    /// Two tasks, two prompt versions (one label without a hash), two models, a human label, two runs.
    static let corpus = [
        Label.llm("rev-2", "negative", prompt: "sentiment@v1", model: "model-a", at: "2026-06-01T10:00:00Z", run: "run-1"),
        Label.llm("rev-1", "negative", prompt: "sentiment@v1", model: "model-a", at: "2026-06-01T10:00:00Z", run: "run-1"),
        Label.llm("rev-1", "positive", prompt: "sentiment@v2", model: "model-b", at: "2026-07-01T10:00:00Z", run: "run-2"),
        Label.llm("rev-3", "neutral", prompt: "sentiment@v2", model: "model-b", at: "2026-07-02T10:00:00Z", run: "run-2", withText: false),
        Label.human("rev-2", "positive", at: "2026-05-01T10:00:00Z"),
        Label.llm("rev-2", "negative", prompt: "sentiment@v2", model: "model-b", at: "2026-07-03T10:00:00Z", run: "run-2"),
        Label.llm("tkt-1", "billing", task: "intent", prompt: "intent@v1", model: "model-a", at: "2026-06-05T10:00:00Z"),
        Label.llm("rev-1", "refund", task: "intent", prompt: "intent@v1", model: "model-c", at: "2026-06-06T10:00:00Z"),
    ]

    @Test("by default every task is exported, one latest label per input, human first, rows in (task, input_id) order")
    func defaults() throws {
        let fixture = try ExportFixture(Self.corpus)
        let (manifest, summary) = try fixture.export("all")
        #expect(try fixture.column("all", "task") == ["intent", "intent", "sentiment", "sentiment", "sentiment"])
        #expect(try fixture.column("all", "input_id") == ["rev-1", "tkt-1", "rev-1", "rev-2", "rev-3"])
        #expect(try fixture.column("all", "output") == ["refund", "billing", "positive", "positive", "neutral"])
        #expect(try fixture.column("all", "origin") == ["llm", "llm", "llm", "human", "llm"])
        #expect(try fixture.column("all", "prompt")[4] == "sentiment@v2#unknown")
        #expect(summary.records == 5)
        #expect(summary.inputs == 5)
        #expect(summary.labelsSelected == 8)
        #expect(manifest.records.count == 5)
        #expect(manifest.files == [
            Manifest.DataFile(
                path: "data/train-00000-of-00002.jsonl", split: "train", task: "intent", format: .jsonl, records: 2,
                sha256: SHA256Hex.digest(of: try fixture.read("all", "data/train-00000-of-00002.jsonl"))),
            Manifest.DataFile(
                path: "data/train-00001-of-00002.jsonl", split: "train", task: "sentiment", format: .jsonl, records: 3,
                sha256: SHA256Hex.digest(of: try fixture.read("all", "data/train-00001-of-00002.jsonl"))),
        ])
        #expect(manifest.provenance.reduce(0) { $0 + $1.records } == 5)
        #expect(manifest.labels.first { $0.task == "sentiment" }?.counts == ["positive": 2, "neutral": 1])
        #expect(try fixture.read("all", "records.ids").split(separator: "\n").count == 5)
        #expect(manifest.metadataFiles == [
            Manifest.MetadataFile(path: "README.md", sha256: SHA256Hex.digest(of: try fixture.read("all", "README.md"))),
            Manifest.MetadataFile(path: "croissant.json", sha256: SHA256Hex.digest(of: try fixture.read("all", "croissant.json"))),
        ])
    }

    @Test("the manifest on disk reads back equal to the one returned")
    func manifestRoundTrip() throws {
        let fixture = try ExportFixture(Self.corpus)
        let selection = Selection(tasks: ["sentiment"], excludePrompts: ["v1"], includeModels: ["model-*"], since: Timestamp(rfc3339: "2026-05-01T00:00:00Z"))
        let options = ExportOptions(selection: selection, resolve: .majority, humanPriority: false, split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 11), format: .csv)
        let (manifest, _) = try fixture.export("round", options)
        let read = try Manifest.read(from: fixture.datasets.appendingPathComponent("round/manifest.json"))
        #expect(read == manifest)
        #expect(read.jsonText == (try fixture.read("round", "manifest.json")))
        #expect(read.resolvedPrompts == [Manifest.PromptResolution(selector: "v1", matches: [PromptRef(name: "sentiment", version: "v1", sha256: ExportFixture.hash("sentiment@v1"))])])
        #expect(read.resolvedModels.first?.matches == ["model-a", "model-b"])
    }

    @Test("includes of one kind are a union; kinds intersect")
    func includesUnion() throws {
        let fixture = try ExportFixture(Self.corpus)
        let both = Selection(includeModels: ["model-a", "model-c"], origins: [.llm])
        try fixture.export("union", ExportOptions(selection: both, resolve: .all))
        #expect(try fixture.column("union", "model") == ["model-c", "model-a", "model-a", "model-a"])
        let intersect = Selection(includePrompts: ["intent"], includeModels: ["model-a"], origins: [.llm])
        try fixture.export("intersect", ExportOptions(selection: intersect, resolve: .all))
        #expect(try fixture.column("intersect", "input_id") == ["tkt-1"])
    }

    @Test("an exclude always wins over an include")
    func excludeWins() throws {
        let fixture = try ExportFixture(Self.corpus)
        let selection = Selection(includePrompts: ["sentiment", "sentiment@v1"], excludePrompts: ["v1"], origins: [.llm])
        try fixture.export("x", ExportOptions(selection: selection, resolve: .all))
        #expect(Set(try fixture.column("x", "prompt").map { String($0.prefix(12)) }) == ["sentiment@v2"])
        let models = Selection(includeModels: ["model-*"], excludeModels: ["model-b"], origins: [.llm])
        try fixture.export("y", ExportOptions(selection: models, resolve: .all))
        #expect(!(try fixture.column("y", "model")).contains("model-b"))
    }

    @Test("a version label selector also matches labels whose hash is unknown")
    func unknownHashMatchesVersion() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.export("v2", ExportOptions(selection: Selection(includePrompts: ["v2"], origins: [.llm]), resolve: .all))
        #expect(try fixture.column("v2", "prompt").contains("sentiment@v2#unknown"))
        try fixture.export("v2known", ExportOptions(selection: Selection(includePrompts: ["sentiment@v2#\(ExportFixture.hash("sentiment@v2").prefix(7))"]), resolve: .all))
        #expect(!(try fixture.column("v2known", "prompt")).contains("sentiment@v2#unknown"))
    }

    @Test("prompt and model rules keep human labels; --origin llm drops them")
    func humansAndOrigin() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.export("h", ExportOptions(selection: Selection(tasks: ["sentiment"], includeModels: ["model-b"])))
        #expect(try fixture.column("h", "origin") == ["llm", "human", "llm"])
        try fixture.export("l", ExportOptions(selection: Selection(tasks: ["sentiment"], origins: [.llm])))
        #expect(try fixture.column("l", "output") == ["positive", "negative", "neutral"])
        try fixture.export("hh", ExportOptions(selection: Selection(origins: [.human])))
        #expect(try fixture.column("hh", "input_id") == ["rev-2"])
    }

    @Test("--no-human-priority lets the newer LLM label win")
    func noHumanPriority() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.export("n", ExportOptions(selection: Selection(tasks: ["sentiment"]), humanPriority: false))
        #expect(try fixture.column("n", "output") == ["positive", "negative", "neutral"])
    }

    @Test("since is inclusive, until exclusive; both filter by created_at instants")
    func timeRange() throws {
        let fixture = try ExportFixture(Self.corpus)
        let selection = Selection(since: Timestamp(rfc3339: "2026-06-01T10:00:00Z"), until: Timestamp(rfc3339: "2026-07-01T10:00:00Z"))
        try fixture.export("t", ExportOptions(selection: selection, resolve: .all))
        #expect(try fixture.column("t", "created_at") == ["2026-06-06T10:00:00Z", "2026-06-05T10:00:00Z", "2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z"])
        #expect {
            try fixture.export("empty-range", ExportOptions(selection: Selection(since: Timestamp(rfc3339: "2026-08-01T00:00:00Z"), until: Timestamp(rfc3339: "2026-07-01T00:00:00Z"))))
        } throws: { error in
            if case ExportError.emptyTimeRange = error { return true }
            return false
        }
    }

    @Test("--exclude-run drops a run's labels; the input falls back to an older label")
    func excludeRun() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.export("r", ExportOptions(selection: Selection(tasks: ["sentiment"], excludeRuns: ["run-2"], origins: [.llm])))
        #expect(try fixture.column("r", "input_id") == ["rev-1", "rev-2"])
        #expect(try fixture.column("r", "run") == ["run-1", "run-1"])
    }

    @Test("unknown tasks, runs, models and prompts are refused with candidates before anything is written")
    func unknownSelectors() throws {
        let fixture = try ExportFixture(Self.corpus)
        let cases: [(Selection, ExportError)] = [
            (Selection(tasks: ["nope"]), .unknownTask(task: "nope", candidates: ["intent", "sentiment"])),
            (Selection(tasks: ["intent"], excludeRuns: ["run-1"]), .unknownRun(run: "run-1", candidates: [])),
            (Selection(excludeRuns: ["run-9"]), .unknownRun(run: "run-9", candidates: ["run-1", "run-2"])),
            (Selection(tasks: ["intent"], includeModels: ["model-b"]), .unknownModel(pattern: "model-b", candidates: ["model-a", "model-c"])),
        ]
        for (selection, expected) in cases {
            #expect(throws: expected) { try fixture.export("u", ExportOptions(selection: selection)) }
        }
        #expect {
            try fixture.export("u", ExportOptions(selection: Selection(tasks: ["intent"], excludePrompts: ["v2"])))
        } throws: { error in
            guard case ExportError.unknownPromptSelector("v2", let candidates, _) = error else { return false }
            return candidates == ["intent@v1#\(ExportFixture.hash("intent@v1").prefix(12))"]
        }
        #expect(try visibleAndHidden(fixture.datasets).isEmpty)
    }

    @Test("the same store and options give byte-identical files and manifest")
    func deterministic() throws {
        let fixture = try ExportFixture(Self.corpus)
        let options = ExportOptions(split: try SplitSpec(parsing: "train=0.6,test=0.4", seed: 5), format: .csv)
        try fixture.export("d", options)
        let first = try files(fixture, "d")
        try fixture.export("d", options, replace: true)
        #expect(try files(fixture, "d") == first)
        #expect(try visibleAndHidden(fixture.datasets) == ["d"])
    }

    @Test("an input keeps its split when other records are added or excluded")
    func splitsStable() throws {
        let fixture = try ExportFixture((0..<60).map { Label.llm("in-\($0)", at: "2026-06-01T10:00:00Z") })
        let options = ExportOptions(split: try SplitSpec(parsing: "train=0.7,validation=0.2,test=0.1", seed: 1))
        try fixture.export("before", options)
        let before = try splitsByInput(fixture, "before")
        try fixture.ingest((60..<120).map { Label.llm("in-\($0)", at: "2026-06-02T10:00:00Z") })
        try fixture.export("after", options)
        let after = try splitsByInput(fixture, "after")
        #expect(after.count == 120)
        for (input, split) in before { #expect(after[input] == split, "\(input) moved") }
        #expect(Set(after.values) == ["train", "validation", "test"])
        var newOnly = options
        newOnly.selection.since = Timestamp(rfc3339: "2026-06-02T00:00:00Z")
        try fixture.export("new-only", newOnly)
        let subset = try splitsByInput(fixture, "new-only")
        #expect(subset.count == 60)
        for (input, split) in subset { #expect(after[input] == split, "\(input) moved") }
    }

    @Test("one data file per split, all of them written even when a split is empty")
    func filePerSplit() throws {
        let fixture = try ExportFixture([Label.llm("only")])
        let (manifest, _) = try fixture.export("s", ExportOptions(split: try SplitSpec(parsing: "a=0.5,b=0.5", seed: 0), format: .csv))
        #expect(manifest.files.map(\.path) == ["data/a-00000-of-00001.csv", "data/b-00000-of-00001.csv"])
        #expect(manifest.files.map(\.records).sorted() == [0, 1])
        #expect(Set(manifest.files.map(\.task)) == [nil, "sentiment"])
        #expect(try visible(fixture.datasets.appendingPathComponent("s")) == ["README.md", "croissant.json", "data", "manifest.json", "records.ids"])
        #expect(try visible(fixture.datasets.appendingPathComponent("s/data")) == ["a-00000-of-00001.csv", "b-00000-of-00001.csv"])
    }

    @Test("a split holds one file per task with records in it, numbered in task order; the rows of the files, in order, are the split's")
    func filePerTask() throws {
        let fixture = try ExportFixture(Self.corpus + [Label.llm("x-1", "yes", task: "extra", prompt: "extra@v1")])
        let (manifest, _) = try fixture.export("t", ExportOptions(split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 0)))
        for split in ["test", "train"] {
            let files = manifest.files.filter { $0.split == split }
            #expect(files.allSatisfy { $0.records > 0 })
            #expect(files.map(\.path) == files.indices.map { "data/\(split)-0000\($0)-of-0000\(files.count).jsonl" })
            #expect(files.compactMap(\.task) == files.compactMap(\.task).sorted())
            let tasks = try fixture.column("t", "task", split: split)
            #expect(tasks == tasks.sorted())
            #expect(Set(tasks) == Set(files.compactMap(\.task)))
        }
        #expect(manifest.files.reduce(0) { $0 + $1.records } == 6)
    }

    @Test("an existing dataset is kept unless replace is asked for")
    func existing() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.export("e")
        let before = try files(fixture, "e")
        #expect(throws: ExportError.datasetExists(path: fixture.datasets.appendingPathComponent("e").path)) {
            try fixture.export("e", ExportOptions(selection: Selection(tasks: ["intent"])))
        }
        #expect(try files(fixture, "e") == before)
        try fixture.export("e", ExportOptions(selection: Selection(tasks: ["intent"])), replace: true)
        #expect(try fixture.column("e", "task") == ["intent", "intent"])
        #expect(try visibleAndHidden(fixture.datasets) == ["e"])
    }

    @Test("an empty selection is refused and leaves nothing behind")
    func nothingToExport() throws {
        let fixture = try ExportFixture(Self.corpus)
        #expect(throws: ExportError.nothingToExport(name: "none")) {
            try fixture.export("none", ExportOptions(selection: Selection(since: Timestamp(rfc3339: "2027-01-01T00:00:00Z"))))
        }
        #expect(try visibleAndHidden(fixture.datasets).isEmpty)
    }

    @Test("dataset names cannot leave datasets/", arguments: ["../up", "a/b", "..", ".", ".hidden", "-x", "", "sp ace", "naïve"])
    func badNames(_ name: String) {
        #expect {
            _ = try DatasetFolder(datasets: URL(fileURLWithPath: "/tmp/datasets"), name: name)
        } throws: { error in
            if case ExportError.invalidDatasetName = error { return true }
            return false
        }
    }

    @Test("a dry run counts what an export would write and writes nothing")
    func dryRun() throws {
        let fixture = try ExportFixture(Self.corpus)
        let options = ExportOptions(split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 2))
        let summary = try Exporter(store: fixture.store).dryRun(options)
        #expect(!FileManager.default.fileExists(atPath: fixture.datasets.path))
        let (_, exported) = try fixture.export("dry", options)
        #expect(summary == exported)
        #expect(summary.recordsPerSplit.reduce(0, +) == 5)
    }

    @Test("non-categorical outputs have no label distribution")
    func nonCategorical() throws {
        let fixture = try ExportFixture()
        let object = JSONWriter.canonical(.object([
            ("task", .string("extract")), ("input_id", .string("d-1")), ("output", .object([("name", .string("x"))])),
            ("created_at", .string("2026-06-01T00:00:00Z")), ("origin", .string("human")), ("annotator", .string("a")),
        ]))
        try fixture.ingest([object, Label.llm("n-1", "7", task: "score")])
        let (manifest, _) = try fixture.export("nc")
        #expect(manifest.labels == [
            Manifest.LabelDistribution(task: "extract", counts: nil), Manifest.LabelDistribution(task: "score", counts: ["7": 1]),
        ])
    }

    // MARK: Helpers

    func files(_ fixture: ExportFixture, _ name: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in try visible(fixture.datasets.appendingPathComponent(name)) where file != DatasetLayout.dataFolder {
            result[file] = try fixture.read(name, file)
        }
        for file in try visible(fixture.datasets.appendingPathComponent(name).appendingPathComponent(DatasetLayout.dataFolder)) {
            result["data/\(file)"] = try fixture.read(name, "data/\(file)")
        }
        return result
    }

    func splitsByInput(_ fixture: ExportFixture, _ name: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for split in ["train", "validation", "test"] {
            for input in try fixture.column(name, "input_id", split: split) { result[input] = split }
        }
        return result
    }

    func visible(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Everything in `datasets/`, hidden staging folders included (none when it does not exist).
    func visibleAndHidden(_ folder: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try visible(folder)
    }
}
