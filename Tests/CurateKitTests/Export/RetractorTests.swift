import Foundation
import Testing
@testable import CurateKit

@Suite("Retractions: labels taken out for good")
struct RetractorTests {
    static let t1 = Timestamp(rfc3339: "2026-11-01T00:00:00Z") ?? Timestamp(nanosecondsSinceEpoch: 0)
    static let t2 = Timestamp(rfc3339: "2026-11-02T00:00:00Z") ?? Timestamp(nanosecondsSinceEpoch: 0)

    /// Three inputs over two runs; `in-2` has labels of run-1 only.
    static let corpus = [
        Label.llm("in-1", "negative", at: "2026-06-01T10:00:00Z", run: "run-1", id: "req-00001-aaaa"),
        Label.llm("in-1", "positive", at: "2026-06-02T10:00:00Z", run: "run-2", id: "req-00002-bbbb"),
        Label.llm("in-2", "neutral", at: "2026-06-01T11:00:00Z", run: "run-1", id: "req-00003-cccc"),
        Label.llm("in-3", "positive", at: "2026-06-02T11:00:00Z", run: "run-2", id: "req-00004-dddd"),
    ]

    static func exportedIDs(_ fixture: ExportFixture, includeFlagged: Bool = false) throws -> [String] {
        var options = ExportOptions()
        options.selection.includeFlagged = includeFlagged
        options.resolve = .all
        try fixture.export("d", options, replace: true)
        return try fixture.column("d", "id")
    }

    @Test("a record, by id or a unique prefix, is out of every export, flagged ones included, and still stored")
    func record() throws {
        let fixture = try ExportFixture(Self.corpus)
        let retractor = Retractor(store: fixture.store)
        let outcome = try retractor.retract(kind: .record, selector: "req-00002", reason: "wrong label", at: Self.t1)
        let retraction = try #require(outcome.retraction)
        #expect(retraction == Retraction(id: 1, kind: .record, target: "req-00002-bbbb", reason: "wrong label", createdAt: Self.t1))
        #expect(outcome.retracted == 1 && outcome.alreadyRetracted == 0)
        #expect(try Self.exportedIDs(fixture) == ["req-00001-aaaa", "req-00003-cccc", "req-00004-dddd"])
        #expect(try Self.exportedIDs(fixture, includeFlagged: true) == ["req-00001-aaaa", "req-00003-cccc", "req-00004-dddd"])
        // As if it were not stored: latest-per-input falls back to the older label of in-1.
        try fixture.export("latest", replace: true)
        #expect(try fixture.column("latest", "id") == ["req-00001-aaaa", "req-00003-cccc", "req-00004-dddd"])

        let stats = try fixture.store.tupleStats()
        #expect(stats.map(\.labels) == [4] && stats.map(\.retracted) == [1])
        #expect(try LabelInspector(store: fixture.store).label("req-00002-bbbb").retraction == retraction)
        #expect(try LabelInspector(store: fixture.store).label("req-00001-aaaa").retraction == nil)
        #expect(try fixture.store.check().isOK)
    }

    @Test("a run takes the labels it has then; again, only those stored since; with none, nothing is written")
    func run() throws {
        let fixture = try ExportFixture(Self.corpus)
        let retractor = Retractor(store: fixture.store)
        #expect(try retractor.retract(kind: .run, selector: "run-1", reason: "truncated", at: Self.t1).retracted == 2)
        try fixture.ingest([Label.llm("in-4", "negative", at: "2026-06-03T10:00:00Z", run: "run-1", id: "req-00005-eeee")])
        #expect(try Self.exportedIDs(fixture) == ["req-00002-bbbb", "req-00004-dddd", "req-00005-eeee"])

        let again = try retractor.retract(kind: .run, selector: "run-1", reason: "still truncated", at: Self.t2)
        #expect(again.retraction?.id == 2)
        #expect(again.retracted == 1 && again.alreadyRetracted == 2 && again.earlierRetractions == [1])
        #expect(try Self.exportedIDs(fixture) == ["req-00002-bbbb", "req-00004-dddd"])

        let before = try fixture.store.dump()
        let third = try retractor.retract(kind: .run, selector: "run-1", reason: "once more", at: Self.t2)
        #expect(third == RetractionOutcome(retraction: nil, retracted: 0, alreadyRetracted: 3, earlierRetractions: [1, 2]))
        #expect(try fixture.store.dump() == before)
        #expect(try retractor.retractions().map(\.reason) == ["truncated", "still truncated"])
        #expect(try retractor.retractedLabels() == [1: 2, 2: 1])
    }

    @Test("an ingest takes every label it stored, not the duplicates it read")
    func ingest() throws {
        let fixture = try ExportFixture(Array(Self.corpus.prefix(2)))
        try fixture.ingest(Array(Self.corpus.suffix(3)))  // req-00002 again: a duplicate of ingest 1
        let outcome = try Retractor(store: fixture.store).retract(kind: .ingest, selector: "2", reason: "wrong file", at: Self.t1)
        #expect(outcome.retraction?.target == "2" && outcome.retracted == 2)
        #expect(try Self.exportedIDs(fixture) == ["req-00001-aaaa", "req-00002-bbbb"])
    }

    @Test("a selector that names no label is refused and nothing is written")
    func refusals() throws {
        let fixture = try ExportFixture(Self.corpus)
        try fixture.ingest(Array(Self.corpus.prefix(1)))  // ingest 2 stores nothing new
        let retractor = Retractor(store: fixture.store)
        let before = try fixture.store.dump()
        #expect(throws: ShowError.unknownLabel(id: "req-9")) { try retractor.retract(kind: .record, selector: "req-9", reason: "r", at: Self.t1) }
        // 7 characters start every id, but are too short to be a prefix; 8 start all four ids.
        #expect(throws: ShowError.unknownLabel(id: "req-000")) { try retractor.retract(kind: .record, selector: "req-000", reason: "r", at: Self.t1) }
        #expect(throws: ShowError.ambiguousLabel(prefix: "req-0000", candidates: ["req-00001-aaaa", "req-00002-bbbb", "req-00003-cccc", "req-00004-dddd"])) {
            try retractor.retract(kind: .record, selector: "req-0000", reason: "r", at: Self.t1)
        }
        #expect(throws: ExportError.unknownRun(run: "run-3", candidates: ["run-1", "run-2"])) {
            try retractor.retract(kind: .run, selector: "run-3", reason: "r", at: Self.t1)
        }
        for selector in ["3", "0", "-1", "one"] {
            #expect(throws: RetractionError.unknownIngest(selector: selector, last: 2)) {
                try retractor.retract(kind: .ingest, selector: selector, reason: "r", at: Self.t1)
            }
        }
        #expect(throws: RetractionError.ingestWithoutLabels(id: "2")) { try retractor.retract(kind: .ingest, selector: "2", reason: "r", at: Self.t1) }
        #expect(try fixture.store.dump() == before)
    }

    @Test("stale lists an input left with no label as retracted; audit counts only the others")
    func staleAndAudit() throws {
        let fixture = try ExportFixture(Self.corpus)
        try Retractor(store: fixture.store).retract(kind: .run, selector: "run-1", reason: "truncated", at: Self.t1)
        var stale: [StaleInput] = []
        try StaleFinder(store: fixture.store, promptsFolder: fixture.folder.url.appendingPathComponent("prompts")).forEach(StaleFinder.Options()) {
            stale.append($0)
        }
        let input = try #require(stale.first { $0.inputID == "in-2" })
        #expect(input.why == [.retracted] && input.label == nil)
        #expect(input.input == #"{"text":"text of in-2"}"#)
        #expect(!stale.contains { $0.inputID == "in-1" && $0.why.contains(.retracted) })

        let audit = try Auditor(store: fixture.store).audit(Selection())
        #expect(audit.labels == 2 && audit.inputs == 2)
    }

    @Test("the manifest lists the retractions that took labels of its selection out, and reads back equal")
    func manifest() throws {
        let fixture = try ExportFixture(Self.corpus + [Label.llm("in-5", "positive", id: "req-00006-ffff")])
        let retractor = Retractor(store: fixture.store)
        try retractor.retract(kind: .record, selector: "req-00004-dddd", reason: "personal data", at: Self.t1)
        try retractor.retract(kind: .run, selector: "run-1", reason: "truncated", at: Self.t2)
        var options = ExportOptions()
        options.selection.excludeRuns = ["run-2"]
        let (manifest, summary) = try fixture.export("d", options)
        // run-2's labels are not selected, so the record retraction (of a run-2 label) held nothing back.
        #expect(summary.labelsRetracted == 2)
        #expect(manifest.retractions.map(\.retraction.id) == [2] && manifest.retractions.map(\.labels) == [2])
        #expect(try Manifest(parsing: manifest.jsonText, source: "manifest.json") == manifest)
    }
}
