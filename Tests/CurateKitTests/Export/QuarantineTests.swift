import Testing
@testable import CurateKit

@Suite("Flags: the persistent quarantine")
struct QuarantineTests {
    static let t1 = Timestamp(rfc3339: "2026-11-01T00:00:00Z") ?? Timestamp(nanosecondsSinceEpoch: 0)
    static let t2 = Timestamp(rfc3339: "2026-11-02T00:00:00Z") ?? Timestamp(nanosecondsSinceEpoch: 0)

    @Test("flags are stored in canonical form with reason and time; a repeat keeps the first")
    func flagAndList() throws {
        let fixture = try ExportFixture(ExporterTests.corpus)
        let quarantine = Quarantine(store: fixture.store)
        let v1Hash = ExportFixture.hash("sentiment@v1")
        #expect(try quarantine.flag(kind: .prompt, selector: String(v1Hash.prefix(8)), reason: "noisy", at: Self.t1).isNew)
        #expect(try quarantine.flag(kind: .prompt, selector: "v2", reason: "old", at: Self.t1).flag.target == "*@v2")
        #expect(try quarantine.flag(kind: .model, selector: "model-c*", reason: "fallback", at: Self.t1).flag.target == "model-c*")
        #expect(try quarantine.flag(kind: .run, selector: "run-1", reason: "bad run", at: Self.t1).isNew)
        let again = try quarantine.flag(kind: .run, selector: "run-1", reason: "other words", at: Self.t2)
        #expect(!again.isNew)
        #expect(again.flag == LabelFlag(kind: .run, target: "run-1", reason: "bad run", createdAt: Self.t1))
        #expect(try quarantine.flags().map(\.target) == ["*@*#\(v1Hash)", "*@v2", "model-c*", "run-1"])
    }

    @Test("unknown targets are refused", arguments: [FlagKind.prompt, .model, .run, .record])
    func unknown(_ kind: FlagKind) throws {
        let fixture = try ExportFixture(ExporterTests.corpus)
        #expect(throws: ExportError.self) { try Quarantine(store: fixture.store).flag(kind: kind, selector: "nothing-like-it", reason: "r", at: Self.t1) }
        #expect(try fixture.store.backend.flags().isEmpty)
    }

    @Test("a record flag needs an existing record id")
    func recordFlag() throws {
        let fixture = try ExportFixture([Label.llm("in-1", id: "req-1"), Label.llm("in-2", id: "req-2")])
        let quarantine = Quarantine(store: fixture.store)
        #expect(throws: ExportError.unknownRecord(id: "req-3")) { try quarantine.flag(kind: .record, selector: "req-3", reason: "r", at: Self.t1) }
        try quarantine.flag(kind: .record, selector: "req-2", reason: "wrong", at: Self.t1)
        try fixture.export("r")
        #expect(try fixture.column("r", "id") == ["req-1"])
    }

    @Test("unflag takes the stored target or a selector for it; an unknown one lists the flags")
    func unflag() throws {
        let fixture = try ExportFixture(ExporterTests.corpus)
        let quarantine = Quarantine(store: fixture.store)
        try quarantine.flag(kind: .prompt, selector: "sentiment@v1", reason: "r", at: Self.t1)
        try quarantine.flag(kind: .prompt, selector: "v2", reason: "r", at: Self.t1)
        #expect(try quarantine.unflag(kind: .prompt, selector: "*@v2").target == "*@v2")
        #expect(try quarantine.unflag(kind: .prompt, selector: "sentiment@v1").target == "sentiment@v1")
        try quarantine.flag(kind: .model, selector: "model-a", reason: "r", at: Self.t1)
        #expect(throws: ExportError.notFlagged(kind: .model, target: "model-b", flagged: ["model-a"])) {
            try quarantine.unflag(kind: .model, selector: "model-b")
        }
        #expect(try quarantine.flags().map(\.target) == ["model-a"])
    }

    @Test("flagged labels are out of every export unless included; the manifest lists the flags that matched")
    func exportsLeaveFlaggedOut() throws {
        let fixture = try ExportFixture(ExporterTests.corpus)
        let quarantine = Quarantine(store: fixture.store)
        try quarantine.flag(kind: .prompt, selector: "sentiment@v2", reason: "regressed", at: Self.t1)
        try quarantine.flag(kind: .model, selector: "model-c", reason: "fallback", at: Self.t1)
        let (manifest, summary) = try fixture.export("f", ExportOptions(selection: Selection(origins: [.llm])))
        // rev-1 (sentiment) falls back to its v1 label; intent rev-1 (model-c) is gone.
        #expect(try fixture.column("f", "input_id") == ["tkt-1", "rev-1", "rev-2"])
        #expect(try fixture.column("f", "output") == ["billing", "negative", "negative"])
        #expect(summary.labelsFlagged == 4)
        #expect(manifest.flags.map(\.flag.target) == ["sentiment@v2", "model-c"])
        #expect(manifest.flags.map(\.labels) == [3, 1])

        let (included, _) = try fixture.export("g", ExportOptions(selection: Selection(origins: [.llm], includeFlagged: true)))
        #expect(try fixture.column("g", "input_id") == ["rev-1", "tkt-1", "rev-1", "rev-2", "rev-3"])
        #expect(included.flags.map(\.labels) == [3, 1])
        #expect(included.options.selection.includeFlagged)
    }
}
