import Foundation
import Testing
@testable import CurateKit

@Suite("Audit: tuples, against human labels, between prompt texts and models")
struct AuditorTests {
    static let v2Old = "Label the sentiment: positive or negative. {{input}}"
    static let v2New = "Label the sentiment of the review: positive or negative. {{input}}"

    /// A record line with any JSON output. The prompt's text is `text`, else the fixture's text of
    /// `prompt`; with `withText` false the prompt is sent by name and version only.
    static func record(
        _ input: String, _ output: JSONValue, task: String = "sentiment", model: String? = "model-a", annotator: String? = nil,
        prompt: String = "sentiment@v1", text: String? = nil, withText: Bool = true, at time: String = "2026-06-01T12:00:00Z"
    ) -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("task", .string(task)), ("input_id", .string(input)), ("output", output), ("created_at", .string(time)),
        ]
        if let annotator {
            members += [("origin", .string("human")), ("annotator", .string(annotator))]
        } else if let model {
            let parts = prompt.split(separator: "@").map(String.init)
            var promptMembers: [(key: String, value: JSONValue)] = [("name", .string(parts[0])), ("version", .string(parts[1]))]
            if withText, let text = text ?? ExportFixture.texts[prompt] { promptMembers.append(("text", .string(text))) }
            members += [("model", .string(model)), ("prompt", .object(promptMembers))]
        }
        return JSONWriter.canonical(.object(members))
    }

    static func human(_ input: String, _ output: String, at time: String = "2026-06-01T12:00:00Z") -> String {
        record(input, .string(output), annotator: "ann-1", at: time)
    }

    static func llm(_ input: String, _ output: String, at time: String = "2026-06-02T12:00:00Z") -> String {
        record(input, .string(output), at: time)
    }

    /// Ten inputs labeled by a person and by model-a with sentiment@v1, in this table
    /// (rows: the human label, columns: the LLM label):
    ///
    ///                 positive  negative  neutral   human total
    ///     positive        2         2        0           4
    ///     negative        0         2        1           3
    ///     neutral         1         0        2           3
    ///     LLM total       3         4        3          10
    ///
    /// Two more inputs have only an LLM label; one input has an older human label and one an
    /// older LLM label that the newer ones replace.
    static let table: [String] = {
        let pairs = [
            ("positive", "positive"), ("positive", "positive"), ("positive", "negative"), ("positive", "negative"),
            ("negative", "negative"), ("negative", "negative"), ("negative", "neutral"),
            ("neutral", "positive"), ("neutral", "neutral"), ("neutral", "neutral"),
        ]
        var lines = pairs.enumerated().flatMap { index, pair in [human("in-\(index)", pair.0), llm("in-\(index)", pair.1)] }
        lines += [llm("only-llm-1", "positive"), llm("only-llm-2", "neutral")]
        lines.append(human("in-0", "negative", at: "2026-05-01T00:00:00Z"))
        lines.append(llm("in-9", "positive", at: "2026-05-01T00:00:00Z"))
        return lines
    }()

    static func audit(_ fixture: ExportFixture, _ selection: Selection = Selection()) throws -> AuditResult {
        try Auditor(store: fixture.store).audit(selection)
    }

    @Test("agreement, Cohen's kappa and confusions against human labels match the arithmetic by hand")
    func kappaByHand() throws {
        let fixture = try ExportFixture(Self.table)
        let result = try Self.audit(fixture)
        let row = try #require(result.againstHuman.first)
        #expect(result.againstHuman.count == 1)
        #expect(row.tuple.model == "model-a")
        #expect(row.agreement.n == 10)
        #expect(row.agreement.agreed == 6)
        // po = (2 + 2 + 2) / 10 = 0.6
        // pe = (4·3 + 3·4 + 3·3) / 10² = (12 + 12 + 9) / 100 = 0.33
        // kappa = (0.6 − 0.33) / (1 − 0.33) = 0.27 / 0.67 = 0.40298…
        let po: Double = 6.0 / 10
        let chance: Double = 4 * 3 + 3 * 4 + 3 * 3
        let pe: Double = chance / 100
        let kappa = try #require(row.agreement.kappa)
        #expect(abs(kappa - (po - pe) / (1 - pe)) < 1e-12)
        #expect(abs(kappa - 0.27 / 0.67) < 1e-12)
        #expect(row.agreement.share == 0.6)
        #expect(row.agreement.confusions == [
            Agreement.Confusion(reference: "positive", label: "negative", count: 2),
            Agreement.Confusion(reference: "negative", label: "neutral", count: 1),
            Agreement.Confusion(reference: "neutral", label: "positive", count: 1),
        ])
    }

    @Test("each tuple counts its labels, its distinct inputs and its label distribution")
    func tuples() throws {
        let fixture = try ExportFixture(Self.table)
        let result = try Self.audit(fixture)
        #expect(result.tuples.map(\.tuple.producerDescription) == ["human:ann-1", "model-a"])
        let llm = try #require(result.tuples.last)
        #expect(llm.labels == 13)
        #expect(llm.inputs == 12)
        #expect(llm.distinctLabels == 3)
        // Every LLM label counts, the older one of in-9 too: positive 5, negative 4, neutral 4 of 13.
        #expect(llm.topLabels?.map(\.label) == ["positive", "negative", "neutral"])
        #expect(llm.topLabels?.map(\.count) == [5, 4, 4])
        #expect(llm.topLabels?.first?.share == 5.0 / 13)
        let human = try #require(result.tuples.first)
        #expect(human.labels == 11)
        #expect(human.inputs == 10)
        #expect(result.labels == 24)
        #expect(result.inputs == 12)
    }

    @Test("flagged labels are left out unless the selection includes them")
    func flagged() throws {
        let fixture = try ExportFixture(Self.table)
        try Quarantine(store: fixture.store).flag(kind: .model, selector: "model-a", reason: "noisy", at: ExportFixture.exportedAt)
        let result = try Self.audit(fixture)
        #expect(result.tuples.map(\.tuple.producerDescription) == ["human:ann-1"])
        #expect(result.againstHuman.isEmpty)
        #expect(result.flaggedLeftOut == 13)
        let included = try Self.audit(fixture, Selection(includeFlagged: true))
        #expect(included.againstHuman.first?.agreement.n == 10)
        #expect(included.flaggedLeftOut == 0)
    }

    @Test("between two texts of one version (an in-place edit), an unknown text, and two models")
    func pairs() throws {
        let fixture = try ExportFixture()
        func v2(_ input: String, _ output: String, model: String, text: String?, at time: String) -> String {
            Self.record(input, .string(output), model: model, prompt: "sentiment@v2", text: text, withText: text != nil, at: time)
        }
        try fixture.ingest([
            v2("p1", "positive", model: "model-b", text: Self.v2Old, at: "2026-06-01T00:00:00Z"),
            v2("p2", "positive", model: "model-b", text: Self.v2Old, at: "2026-06-01T00:00:00Z"),
            v2("p3", "negative", model: "model-b", text: Self.v2Old, at: "2026-06-01T00:00:00Z"),
            v2("p4", "negative", model: "model-b", text: Self.v2Old, at: "2026-06-01T00:00:00Z"),
            v2("p1", "positive", model: "model-c", text: Self.v2New, at: "2026-07-01T00:00:00Z"),
            v2("p2", "negative", model: "model-c", text: Self.v2New, at: "2026-07-01T00:00:00Z"),
            v2("p3", "negative", model: "model-c", text: Self.v2New, at: "2026-07-01T00:00:00Z"),
            v2("p4", "negative", model: "model-c", text: Self.v2New, at: "2026-07-01T00:00:00Z"),
            v2("p5", "positive", model: "model-c", text: Self.v2New, at: "2026-07-01T00:00:00Z"),
        ])
        // Sent by name and version only, after v2 has had two texts: its hash is not known.
        try fixture.ingest([v2("p5", "negative", model: "model-b", text: nil, at: "2026-08-01T00:00:00Z")])
        let result = try Self.audit(fixture)
        let old = PromptRef(name: "sentiment", version: "v2", sha256: PromptHash.of(Self.v2Old))
        let new = PromptRef(name: "sentiment", version: "v2", sha256: PromptHash.of(Self.v2New))
        let unknown = PromptRef(name: "sentiment", version: "v2", sha256: nil)
        #expect(result.betweenPromptTexts.map { [$0.first, $0.second] } == [[unknown, new], [old, new].sorted()])

        // The two texts on p1…p4: 3 of 4 equal; old has positive 2, negative 2, new positive 1, negative 3:
        // po = 0.75, pe = (2·1 + 2·3) / 16 = 0.5, kappa = (0.75 − 0.5) / (1 − 0.5) = 0.5.
        let edit = try #require(result.betweenPromptTexts.last?.agreement)
        #expect(edit.n == 4)
        #expect(edit.agreed == 3)
        #expect(edit.kappa == 0.5)
        #expect(edit.confusions.isEmpty)
        // The unknown text against the new one on p5 only: 0 of 1, pe = 0, kappa = (0 − 0) / (1 − 0) = 0.
        #expect(result.betweenPromptTexts.first?.agreement == Agreement(n: 1, agreed: 0, kappa: 0, confusions: []))

        // model-b against model-c on p1…p5 (p5: model-b's label of unknown text): 3 of 5 equal;
        // model-b positive 2, negative 3, model-c positive 2, negative 3:
        // po = 0.6, pe = (2·2 + 3·3) / 25 = 0.52, kappa = (0.6 − 0.52) / (1 − 0.52) = 0.1666…
        let models = try #require(result.betweenModels.first)
        #expect(result.betweenModels.count == 1)
        #expect((models.first, models.second) == ("model-b", "model-c"))
        #expect(models.agreement.n == 5)
        #expect(models.agreement.agreed == 3)
        #expect(abs((models.agreement.kappa ?? 0) - 0.08 / 0.48) < 1e-12)
        // No human labels: every LLM tuple is listed with n = 0.
        #expect(result.againstHuman.allSatisfy { $0.agreement == Agreement(n: 0, agreed: 0, kappa: nil, confusions: []) })
        #expect(result.againstHuman.count == 3)
    }

    @Test("outputs that are not categorical get exact-match agreement only, even after scalar ones")
    func notCategorical() throws {
        let fixture = try ExportFixture()
        func object(_ value: Int) -> JSONValue { .object([("amount", .number(String(value)))]) }
        try fixture.ingest([
            Self.record("e1", .string("none"), task: "extract", annotator: "ann-1"),
            Self.record("e1", .string("none"), task: "extract", prompt: "intent@v1"),
            Self.record("e2", object(1), task: "extract", annotator: "ann-1"),
            Self.record("e2", object(1), task: "extract", prompt: "intent@v1"),
            Self.record("e3", object(2), task: "extract", annotator: "ann-1"),
            Self.record("e3", object(3), task: "extract", prompt: "intent@v1"),
        ])
        let result = try Self.audit(fixture)
        let row = try #require(result.againstHuman.first)
        #expect(row.agreement == Agreement(n: 3, agreed: 2, kappa: nil, confusions: []))
        #expect(result.tuples.allSatisfy { $0.topLabels == nil && $0.distinctLabels == nil })
    }

    @Test("an input whose own labels end the categories is counted like the others")
    func categoriesEndWithinAnInput() throws {
        let fixture = try ExportFixture()
        let object = JSONValue.object([("amount", .number("1"))])
        try fixture.ingest([
            Self.record("m1", .string("none"), task: "extract", annotator: "ann-1"),
            Self.record("m1", object, task: "extract", model: "model-a", prompt: "intent@v1", at: "2026-06-02T12:00:00Z"),
            Self.record("m1", .string("none"), task: "extract", model: "model-b", prompt: "intent@v1", at: "2026-06-03T12:00:00Z"),
            Self.record("m2", .string("none"), task: "extract", annotator: "ann-1"),
            Self.record("m2", .string("none"), task: "extract", model: "model-a", prompt: "intent@v1", at: "2026-06-02T12:00:00Z"),
        ])
        let result = try Self.audit(fixture)
        let againstHuman = Dictionary(uniqueKeysWithValues: result.againstHuman.map { ($0.tuple.producerDescription, $0.agreement) })
        #expect(againstHuman["model-a"] == Agreement(n: 2, agreed: 1, kappa: nil, confusions: []))
        #expect(againstHuman["model-b"] == Agreement(n: 1, agreed: 1, kappa: nil, confusions: []))
        #expect(result.betweenModels.map(\.agreement) == [Agreement(n: 1, agreed: 0, kappa: nil, confusions: [])])
        #expect(result.tuples.map(\.labels).sorted() == [1, 2, 2])
        #expect(result.tuples.allSatisfy { $0.topLabels == nil && $0.distinctLabels == nil })
    }

    @Test("more distinct scalar outputs than the category limit are not categorical")
    func tooManyCategories() throws {
        let fixture = try ExportFixture()
        let count = Manifest.LabelDistribution.maximumCategories + 1
        try fixture.ingest((0..<count).flatMap { index in
            [Self.record("t\(index)", .string("text \(index)"), task: "summary", annotator: "ann-1"),
             Self.record("t\(index)", .string("text \(index)"), task: "summary", prompt: "intent@v1")]
        })
        let result = try Self.audit(fixture)
        #expect(result.againstHuman.first?.agreement == Agreement(n: count, agreed: count, kappa: nil, confusions: []))
        #expect(result.tuples.first?.topLabels == nil)
    }

    @Test("a selection option changes what is compared")
    func selection() throws {
        let fixture = try ExportFixture(Self.table + [Self.record("in-0", .string("neutral"), model: "model-z", at: "2026-06-03T00:00:00Z")])
        #expect(try Self.audit(fixture).betweenModels.first?.agreement.n == 1)
        let result = try Self.audit(fixture, Selection(excludeModels: ["model-z"]))
        #expect(result.betweenModels.isEmpty)
        #expect(result.againstHuman.map(\.tuple.producerDescription) == ["model-a"])
    }
}
