import Foundation
import Testing
@testable import CurateKit

@Suite("Diff: manifests and records of two exports")
struct ManifestDiffTests {
    static let v1 = PromptRef(name: "sentiment", version: "v1", sha256: ExportFixture.hash("sentiment@v1"))
    static let v2 = PromptRef(name: "sentiment", version: "v2", sha256: ExportFixture.hash("sentiment@v2"))

    static func tuple(_ model: String, _ prompt: PromptRef) -> ProvenanceTuple {
        ProvenanceTuple(task: "sentiment", origin: .llm, model: model, annotator: nil, prompt: prompt, hashStatus: .recorded)
    }

    @Test("two exports with the same rules made at different times are the same; created_at is shown, not counted")
    func sameAtDifferentTimes() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("a", ExportOptions(), at: "2026-11-01T09:00:00Z")
        try fixture.export("b", ExportOptions(), at: "2026-11-02T09:00:00Z")
        let diff = try fixture.diff("a", "b")
        #expect(diff.isSame)
        #expect(diff.differences == [])
        // The cards differ by their title (the name), croissant.json by its name and date: listed, never counted.
        #expect(diff.ignoredDifferences == ["name", "created_at", "metadata files"])
        #expect(diff.metadataFiles.map(\.path) == ["README.md", "croissant.json"] && diff.metadataFiles.map(\.kind) == ["changed", "changed"])
        #expect(diff.records == RecordChanges(unchanged: 5))
        #expect(diff.labels.map(\.isChanged) == [false, false])
        #expect(DiffTextRenderer.render(diff).contains("result: same (name, created_at, metadata files differ, ignored)\n"))
    }

    @Test("excluding a prompt: selection, tuples, files, records and labels, exactly")
    func excludePrompt() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("all")
        try fixture.export("clean", excluding("sentiment@v2"))
        let diff = try fixture.diff("all", "clean")

        #expect(diff.differences == ["selection", "provenance", "files", "records", "labels"])
        #expect(diff.selection == [
            ManifestDiff.FieldChange(field: "exclude_prompts", before: .array([]), after: .array([.string("sentiment@v2")])),
            ManifestDiff.FieldChange(field: "resolved.prompts.sentiment@v2", before: nil, after: .array([Self.v2.jsonValue])),
        ])
        #expect(diff.tuples == [
            ManifestDiff.TupleChange(tuple: Self.tuple("model-a", Self.v1), before: 1, after: 3),
            ManifestDiff.TupleChange(tuple: Self.tuple("model-b", Self.v2), before: 3, after: 0),
        ])
        #expect(diff.tuples.map(\.kind) == ["changed", "removed"])
        #expect(diff.files.map(\.path) == ["data/train-00001-of-00002.jsonl"])
        #expect(diff.files.first?.before?.records == 4 && diff.files.first?.after?.records == 3)

        let records = diff.records
        #expect((records.added, records.removed, records.relabeled, records.replaced, records.unchanged) == (0, 1, 1, 1, 2))
        #expect(records.digestChanged)
        #expect(records.examples.map(\.kind) == [.removed, .relabeled, .replaced])
        #expect(records.examples.map(\.inputID) == ["rev-3", "rev-1", "rev-2"])
        let relabeled = try #require(records.examples.first { $0.kind == .relabeled })
        #expect(relabeled.before.map(\.output) == ["positive"] && relabeled.after.map(\.output) == ["negative"])
        #expect(relabeled.before.map(\.producer) == ["\(Self.v2.shortForm) by model-b"])
        #expect(relabeled.after.map(\.producer) == ["\(Self.v1.shortForm) by model-a"])
        let replaced = try #require(records.examples.first { $0.kind == .replaced })
        #expect(replaced.before.map(\.output) == replaced.after.map(\.output))
        #expect(replaced.before.map(\.id) != replaced.after.map(\.id))

        #expect(diff.labels.map(\.task) == ["intent", "sentiment"])
        #expect(diff.labels.map(\.isChanged) == [false, true])
        let sentiment = try #require(diff.labels.last)
        #expect((sentiment.beforeTotal, sentiment.afterTotal) == (4, 3))
        #expect(sentiment.labels == [
            LabelShift(label: "negative", before: 1, after: 2, shareBefore: 0.25, shareAfter: 2.0 / 3.0),
            LabelShift(label: "neutral", before: 1, after: 1, shareBefore: 0.25, shareAfter: 1.0 / 3.0),
            LabelShift(label: "positive", before: 2, after: 0, shareBefore: 0.5, shareAfter: 0),
        ])
        #expect(diff.flags == [])
    }

    @Test("inputs ingested between two exports are added; the reverse diff removes them")
    func addedInputs() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("old")
        try fixture.ingest([Label.llm("rev-5", "positive"), Label.llm("rev-0", "neutral")])
        try fixture.export("new")
        let forward = try fixture.diff("old", "new")
        #expect(forward.records == RecordChanges(added: 2, unchanged: 5, digestChanged: true, examples: forward.records.examples))
        #expect(forward.records.examples.map(\.inputID) == ["rev-0", "rev-5"])
        #expect(forward.selection == [])
        let backward = try fixture.diff("new", "old")
        #expect(backward.records.removed == 2 && backward.records.added == 0)
    }

    @Test("the number of examples is capped per kind; 0 keeps none but counts all")
    func exampleLimit() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.ingest((0..<8).map { Label.llm("new-\($0)", "positive") })
        try fixture.export("all")
        try fixture.export("v1", excluding("sentiment@v2"))
        let one = try fixture.diff("v1", "all", examples: 1)
        #expect(one.records.added == 1)
        #expect(one.records.examples.map(\.kind) == [.added, .relabeled, .replaced])
        let some = try fixture.diff("all", "v1", examples: 3)
        #expect(some.records.removed == 1 && some.records.examples.filter { $0.kind == .removed }.count == 1)
        let none = try fixture.diff("all", "v1", examples: 0)
        #expect(none.records.examples == [] && none.records.relabeled == 1)
    }

    @Test("CSV against JSON Lines of the same records: only the format and files differ", arguments: [ExportFormat.csv, .jsonl])
    func formats(_ format: ExportFormat) throws {
        let tricky = Label.llm("rev-9", "a \"quoted\", multi\nline label")
        let fixture = try ExportFixture(ExportFixture.diffCorpus + [tricky])
        try fixture.export("jsonl")
        try fixture.export("other", ExportOptions(format: format))
        let diff = try fixture.diff("jsonl", "other")
        #expect(diff.records == RecordChanges(unchanged: 6))
        #expect(diff.labels.allSatisfy { !$0.isChanged })
        #expect(diff.selection.map(\.field) == (format == .csv ? ["format"] : []))
        #expect(diff.isSame == (format == .jsonl))
    }

    @Test("a split dataset is merged back in input order: same records as the unsplit one")
    func splits() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus + (0..<40).map { Label.llm("bulk-\($0)", $0 % 2 == 0 ? "positive" : "negative") })
        try fixture.export("whole")
        try fixture.export("split", ExportOptions(split: try SplitSpec(parsing: "train=0.5,validation=0.3,test=0.2", seed: 3), format: .csv))
        let diff = try fixture.diff("whole", "split")
        #expect(diff.records == RecordChanges(unchanged: 45))
        #expect(diff.differences == ["selection", "files"])
        #expect(diff.files.filter { $0.kind == "removed" }.map(\.path) == ["data/train-00000-of-00002.jsonl", "data/train-00001-of-00002.jsonl"])
        #expect(diff.files.filter { $0.kind == "added" }.allSatisfy { $0.path.hasSuffix(".csv") })
    }

    @Test("--resolve all: an input is compared by its outputs and record ids together")
    func resolveAll() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("latest")
        try fixture.export("every", ExportOptions(resolve: .all))
        let diff = try fixture.diff("latest", "every", examples: 5)
        // rev-1 gains a second output; rev-2 a second record with the output it had.
        #expect((diff.records.relabeled, diff.records.replaced, diff.records.unchanged) == (1, 1, 3))
        let relabeled = try #require(diff.records.examples.first { $0.kind == .relabeled })
        #expect(relabeled.inputID == "rev-1" && relabeled.after.map(\.output) == ["negative", "positive"])
    }

    @Test("the JSON form has sorted keys, every part, and reads back")
    func json() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("all")
        try fixture.export("clean", excluding("sentiment@v2"))
        let text = DiffJSONRenderer.render(try fixture.diff("all", "clean"))
        let value = try JSONParser.parse(text)
        guard case .object(let members) = value else { throw Failure("not an object") }
        #expect(members.map(\.key) == [
            "after", "before", "differences", "files", "flags", "ignored", "labels", "metadata_files", "provenance", "records", "retractions", "same",
            "selection",
        ])
        #expect(value["same"] == .bool(false))
        #expect(value["records"]?["relabeled"] == .number("1"))
        #expect(text.contains("\"share_after\": \"0.6667\"") == false)
        #expect(text.contains("\"share_after\": 0.6667"))
    }

    @Test("text output: aligned sections, prompts in short form, long outputs clipped")
    func text() throws {
        let fixture = try ExportFixture(ExportFixture.diffCorpus)
        try fixture.export("all", ExportOptions(), at: "2026-11-01T09:00:00Z")
        try fixture.export("clean", excluding("sentiment@v2"), at: "2026-11-01T09:00:00Z")
        let text = DiffTextRenderer.render(try fixture.diff("all", "clean"))
        #expect(text.hasPrefix("before: datasets/all (all, 5 records, created 2026-11-01 09:00:00Z by curate \(CurateVersion.current))\n"))
        #expect(text.contains("result: different (selection, provenance, files, records, labels)\n"))
        #expect(text.contains("  resolved.prompts.sentiment@v2  -       [\(Self.v2.shortForm)]\n"))
        #expect(text.contains("  relabeled  sentiment  rev-1     positive (\(Self.v2.shortForm) by model-b)  negative (\(Self.v1.shortForm) by model-a)\n"))
        #expect(text.contains("  sentiment  positive       2  50.0%      0   0.0%     -2\n"))
        #expect(!text.contains(" \n"))
    }
}

/// A test failure with a message.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
