import Foundation
import Testing
@testable import CurateKit

@Suite("Choosing each input's newest label from the export index")
struct IndexedChoiceTests {
    /// Labels of two tasks over a few inputs, relabelled at a few shared times (so some share
    /// the newest `created_at`), by two prompt versions and two models, some by people; then
    /// regenerated labels naming an older one in `supersedes`, a prompt flag and two retractions.
    static func fixture() throws -> ExportFixture {
        var random = SplitMix64(seed: 17)
        let times = (1...6).map { "2026-0\($0)-01T12:00:00Z" }
        var lines: [String] = []
        var ids: [String: [String]] = [:]
        for index in 0..<700 {
            let task = index % 3 == 0 ? "intent" : "sentiment"
            let input = "in-\(random.next() % 90)"
            let id = "r-\(index)"
            let time = times[Int(random.next() % UInt64(times.count))]
            if random.next() % 10 == 0 {
                lines.append(Label.human(input, "neutral", task: task, annotator: "ann-\(random.next() % 2)", at: time, id: id))
            } else {
                let prompt = task == "intent" ? "intent@v1" : (random.next() % 2 == 0 ? "sentiment@v1" : "sentiment@v2")
                lines.append(Label.llm(
                    input, "out-\(random.next() % 4)", task: task, prompt: prompt, model: random.next() % 2 == 0 ? "model-a" : "model-b",
                    at: time, id: id))
            }
            ids["\(task)/\(input)", default: []].append(id)
        }
        let fixture = try ExportFixture(lines)
        var regenerated: [String] = []
        for (index, key) in ids.keys.sorted().enumerated() where index % 4 == 0 {
            let parts = key.split(separator: "/").map(String.init)
            let replaced = ids[key]?.first ?? ""
            let time = index % 8 == 0 ? "2026-09-01T12:00:00Z" : "2026-01-15T12:00:00Z"
            regenerated.append(Label.llm(
                parts[1], "regenerated", task: parts[0], prompt: parts[0] == "intent" ? "intent@v1" : "sentiment@v2", at: time,
                id: "regen-\(index)", supersedes: replaced))
        }
        try fixture.ingest(regenerated)
        _ = try fixture.store.backend.addFlag(LabelFlag(kind: .prompt, target: "sentiment@v1", reason: "old text", createdAt: ExportFixture.ingestedAt))
        for id in ["r-5", "r-40"] {
            _ = try fixture.store.backend.retract(kind: .record, target: id, reason: "wrong", at: ExportFixture.ingestedAt)
        }
        return fixture
    }

    /// The ids each input's resolution chose, and the counts, by the stream that reads every
    /// row or by the one that reads only the chosen rows.
    static func chosen(_ store: Store, includeFlagged: Bool, humanPriority: Bool, fromIndex: Bool) throws -> ([String], LabelStream.Counts) {
        try store.backend.readSnapshot {
            let plan = try SelectionPlan.resolve(Selection(includeFlagged: includeFlagged), in: store.backend)
            #expect(IndexedChoice.applies(to: plan, policy: .latest))
            let indexed = try #require(store.backend as? any IndexedLabelReads)
            #expect(try IndexedChoice.pays(for: plan.query, in: indexed), "labels come several to an input")
            let stream = LabelStream(store: store.backend, plan: plan, policy: .latest, humanPriority: humanPriority, includeFlagged: includeFlagged)
            var ids: [String] = []
            let counts = fromIndex
                ? try stream.forEachChosen { ids += $0.map(\.id) }
                : try stream.forEach { ids += $0.chosen.map(\.id) }
            return (ids, counts)
        }
    }

    @Test("chooses the label reading every row would choose, with the same counts", arguments: [false, true], [false, true])
    func sameChoice(includeFlagged: Bool, humanPriority: Bool) throws {
        let fixture = try Self.fixture()
        let everyRow = try Self.chosen(fixture.store, includeFlagged: includeFlagged, humanPriority: humanPriority, fromIndex: false)
        let fromIndex = try Self.chosen(fixture.store, includeFlagged: includeFlagged, humanPriority: humanPriority, fromIndex: true)
        #expect(fromIndex.0 == everyRow.0)
        #expect(fromIndex.1 == everyRow.1)
        #expect(everyRow.0.contains { $0.hasPrefix("regen-") }, "a regenerated label wins somewhere")
        #expect(everyRow.1.labelsFlagged > 0 && everyRow.1.labelsRetracted == 2)
    }

    /// Hands on the index entries of a reader, counting the rows read, and can move every
    /// entry's `created_at` as a damaged index would.
    final class CountingReader: LabelKeyReader {
        let reader: any LabelKeyReader
        let shift: Int64
        var keys = 0
        var rows = 0
        /// The rows read, in the order they were read.
        var seqs: [Int64] = []

        init(_ reader: any LabelKeyReader, shift: Int64 = 0) {
            self.reader = reader
            self.shift = shift
        }

        func next() throws -> LabelKey? {
            guard let key = try reader.next() else { return nil }
            keys += 1
            return LabelKey(
                seq: key.seq, createdAt: key.createdAt + shift, tupleID: key.tupleID, replacesAnother: key.replacesAnother,
                retraction: key.retraction, startsInput: key.startsInput, output: key.output)
        }

        var task: String { reader.task }

        func identity(ofLabel seq: Int64) throws -> (id: String, supersedes: String?) { try reader.identity(ofLabel: seq) }

        func withRow(ofLabel seq: Int64, _ body: (any StoredLabelColumns) throws -> Void) throws {
            rows += 1
            seqs.append(seq)
            try reader.withRow(ofLabel: seq, body)
        }
    }

    static func choice(_ plan: SelectionPlan, _ store: Store) -> IndexedChoice {
        IndexedChoice(plan: plan, humanPriority: true, includeFlagged: false, storeLocation: store.backend.location)
    }

    @Test("reads the row of each chosen label only, not of every label selected")
    func readsChosenRowsOnly() throws {
        let fixture = try Self.fixture()
        let indexed = try #require(fixture.store.backend as? any IndexedLabelReads)
        try fixture.store.backend.readSnapshot {
            let plan = try SelectionPlan.resolve(Selection(), in: fixture.store.backend)
            let reader = CountingReader(try indexed.labelKeyReader(plan.query))
            var emitted = 0
            let counts = try Self.choice(plan, fixture.store).read(reader) { _ in emitted += 1 }
            #expect(reader.keys == counts.labelsSelected + counts.labelsRetracted)
            #expect(reader.rows == emitted)
            #expect(emitted > 0 && reader.rows < reader.keys / 2, "\(reader.rows) rows read of \(reader.keys) labels")
        }
    }

    /// The record ids ``IndexedChoice/read(_:window:windowBytes:emit:)`` hands on for the whole
    /// store, and the rows it reads, in the order it reads them.
    static func read(_ fixture: ExportFixture, window: Int, windowBytes: Int = IndexedChoice.bytesReadTogether) throws -> (ids: [String], seqs: [Int64]) {
        let indexed = try #require(fixture.store.backend as? any IndexedLabelReads)
        return try fixture.store.backend.readSnapshot {
            let plan = try SelectionPlan.resolve(Selection(), in: fixture.store.backend)
            let reader = CountingReader(try indexed.labelKeyReader(plan.query))
            var ids: [String] = []
            _ = try Self.choice(plan, fixture.store).read(reader, window: window, windowBytes: windowBytes) { columns in
                ids.append(try columns.withText(.id) { String(decoding: try #require($0), as: UTF8.self) })
            }
            return (ids, reader.seqs)
        }
    }

    @Test("rows are read a window at a time in seq order, and handed on in the order chosen")
    func readsWindowsInSeqOrder() throws {
        let fixture = try Self.fixture()
        let oneByOne = try Self.read(fixture, window: 1), bySeven = try Self.read(fixture, window: 7)
        let whole = try Self.read(fixture, window: 10_000)
        #expect(oneByOne.ids.count > 7 * 3, "several windows of 7")
        #expect(bySeven.ids == oneByOne.ids && whole.ids == oneByOne.ids)
        // One row at a time reads them in the order chosen, which is not the rows' order.
        #expect(oneByOne.seqs != oneByOne.seqs.sorted())
        #expect(whole.seqs == oneByOne.seqs.sorted())
        for start in stride(from: 0, to: bySeven.seqs.count, by: 7) {
            let window = Array(bySeven.seqs[start..<min(start + 7, bySeven.seqs.count)])
            #expect(window == window.sorted())
            #expect(Set(window) == Set(oneByOne.seqs[start..<min(start + 7, oneByOne.seqs.count)]))
        }
    }

    @Test("a window of long rows holds fewer labels: after the first, as many as fit the bytes allowed")
    func windowShrinksForLongRows() throws {
        let fixture = try Self.fixture()
        let inOrder = try Self.read(fixture, window: 1)
        let shrunk = try Self.read(fixture, window: 50, windowBytes: 1), roomy = try Self.read(fixture, window: 50, windowBytes: 1 << 30)
        #expect(shrunk.ids == inOrder.ids && roomy.ids == inOrder.ids && inOrder.ids.count > 100)
        // The first window holds 50 labels; every row is longer than the byte allowed, so the rest hold one each.
        #expect(shrunk.seqs[..<50] == roomy.seqs[..<50])
        #expect(shrunk.seqs[50...] == inOrder.seqs[50...])
        #expect(roomy.seqs[50...] != inOrder.seqs[50...])
    }

    @Test("a chosen row that disagrees with its index entry stops the stream, naming the store")
    func indexDisagreesWithRow() throws {
        let fixture = try Self.fixture()
        let indexed = try #require(fixture.store.backend as? any IndexedLabelReads)
        try fixture.store.backend.readSnapshot {
            let plan = try SelectionPlan.resolve(Selection(), in: fixture.store.backend)
            let reader = CountingReader(try indexed.labelKeyReader(plan.query), shift: 1)
            #expect {
                _ = try Self.choice(plan, fixture.store).read(reader) { _ in }
            } throws: { error in
                guard case StoreError.inconsistent(let path, let reason) = error else { return false }
                return path == fixture.store.backend.location && reason.contains("disagrees with label row")
            }
        }
    }

    @Test("a selection of about one label per input is read row by row; one of several per input from the index")
    func paysWithSeveralLabelsPerInput() throws {
        let single = try ExportFixture((0..<300).map { Label.llm("in-\($0)", id: "r-\($0)") } + [Label.llm("in-7", at: "2026-07-01T00:00:00Z", id: "again")])
        let several = try Self.fixture()
        for (fixture, pays) in [(single, false), (several, true)] {
            let indexed = try #require(fixture.store.backend as? any IndexedLabelReads)
            try fixture.store.backend.readSnapshot {
                let plan = try SelectionPlan.resolve(Selection(), in: fixture.store.backend)
                #expect(try IndexedChoice.pays(for: plan.query, in: indexed) == pays)
            }
        }
    }

    @Test("stale's counts from the index equal those of the stream that reads every row", arguments: [false, true], [false, true])
    func staleSummary(includeFlagged: Bool, humanPriority: Bool) throws {
        let fixture = try Self.fixture()
        // An input whose only label is retracted: stale for that reason alone.
        try fixture.ingest([Label.llm("lonely", prompt: "sentiment@v2", id: "lonely-1")])
        _ = try fixture.store.backend.retract(kind: .record, target: "lonely-1", reason: "wrong", at: ExportFixture.ingestedAt)
        let prompts = fixture.folder.url.appendingPathComponent("prompts")
        try FileManager.default.createDirectory(at: prompts, withIntermediateDirectories: true)
        try """
            # curate.prompts.lock/1
            sentiment@v1 \(ExportFixture.hash("sentiment@v1"))
            sentiment@v2 \(ExportFixture.hash("sentiment@v2"))
            intent@v1 \(PromptHash.of("an edited intent prompt"))

            """.write(to: prompts.appendingPathComponent("prompts.lock"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: prompts.appendingPathComponent("intent"), withIntermediateDirectories: true)
        try "an edited intent prompt".write(to: prompts.appendingPathComponent("intent/v1.txt"), atomically: true, encoding: .utf8)
        let finder = StaleFinder(store: fixture.store, promptsFolder: prompts)
        let options = StaleFinder.Options(
            selection: Selection(includeFlagged: includeFlagged), humanPriority: humanPriority, withInputs: false)
        let fromIndex = try finder.summary(options)
        let everyRow = try finder.forEach(options) { _ in }
        #expect(fromIndex == everyRow)
        // v1 labels are flagged: candidates, and then stale for their version, only with --include-flagged.
        let reasons = Set(everyRow.byTaskAndReason.values.flatMap(\.keys))
        #expect(reasons.isSuperset(of: includeFlagged ? [.olderVersion, .olderText, .retracted] : [.flaggedPrompt, .olderText, .retracted]))
        #expect(everyRow.humanDecided > 0)
    }
}

@Suite("An export's dry run counted from the export index")
struct IndexedDryRunTests {
    /// The counting dry run reads the chosen rows (`sameChoice` shows those are the ones reading
    /// every row chooses); the one without labels reads none and must count the same.
    @Test("an unsplit dry run without labels counts from the index alone what the counting one counts", arguments: [false, true], [false, true])
    func sameCounts(includeFlagged: Bool, humanPriority: Bool) throws {
        let fixture = try IndexedChoiceTests.fixture()
        let exporter = Exporter(store: fixture.store)
        let options = ExportOptions(selection: Selection(includeFlagged: includeFlagged), humanPriority: humanPriority)
        var counting = try exporter.dryRun(options)
        #expect(counting.labels.contains { $0.counts?["regenerated"] != nil }, "the labels are counted from the rows")
        #expect(counting.labelsFlagged > 0 && counting.labelsRetracted == 2)
        counting.labels = []
        counting.labelsPerSplit = []
        #expect(try exporter.dryRun(options, countingLabels: false) == counting)
    }

    @Test("it reads no label row, so a changed output stops only the dry run that counts labels")
    func readsNoRow() throws {
        let fixture = try IndexedChoiceTests.fixture()
        try fixture.store.sqliteBackend.connection.execute(#"UPDATE labels SET output = '"changed"'"#)
        let exporter = Exporter(store: fixture.store)
        let counted = try exporter.dryRun(ExportOptions(), countingLabels: false)
        #expect(counted.records > 0 && counted.labels.isEmpty)
        #expect { try exporter.dryRun(ExportOptions()) } throws: { Self.isContentChanged($0) }
        // A split dry run reads the rows: the payloads found in several splits are counted.
        let split = ExportOptions(split: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 2))
        #expect { try exporter.dryRun(split, countingLabels: false) } throws: { Self.isContentChanged($0) }
    }

    static func isContentChanged(_ error: any Error) -> Bool {
        if case StoreError.contentChanged = error { return true }
        return false
    }
}

@Suite("An audit read from the export index")
struct IndexedAuditTests {
    @Test("it finds what reading every row finds", arguments: [false, true])
    func sameResult(includeFlagged: Bool) throws {
        let fixture = try IndexedChoiceTests.fixture()
        // An input whose only label is retracted: left out of the audit.
        try fixture.ingest([Label.llm("lonely", prompt: "sentiment@v2", id: "lonely-1")])
        _ = try fixture.store.backend.retract(kind: .record, target: "lonely-1", reason: "wrong", at: ExportFixture.ingestedAt)
        let auditor = Auditor(store: fixture.store)
        let selection = Selection(includeFlagged: includeFlagged)
        let everyRow = try auditor.audit(selection, fromIndex: false)
        #expect(try auditor.audit(selection, fromIndex: true) == everyRow)
        #expect(everyRow.labels > 0 && !everyRow.againstHuman.isEmpty && !everyRow.betweenModels.isEmpty)
        #expect((everyRow.flaggedLeftOut > 0) != includeFlagged)
    }

    @Test("labels that share a created_at are ordered by record id, as the stream orders them")
    func tiesByRecordID() throws {
        // One rater's two labels of an input at one time: the one of the greater id is its newest.
        let fixture = try ExportFixture([
            Label.llm("tied", "first", prompt: "sentiment@v1", model: "model-a", at: "2026-03-01T00:00:00Z", id: "r-b"),
            Label.llm("tied", "second", prompt: "sentiment@v1", model: "model-a", at: "2026-03-01T00:00:00Z", id: "r-a"),
            Label.llm("tied", "second", prompt: "sentiment@v1", model: "model-b", at: "2026-02-01T00:00:00Z", id: "r-c"),
        ])
        let auditor = Auditor(store: fixture.store)
        let everyRow = try auditor.audit(Selection(), fromIndex: false)
        #expect(try auditor.audit(Selection(), fromIndex: true) == everyRow)
        #expect(everyRow.betweenModels.first?.agreement.agreed == 0, "model-a's newest is r-b's \"first\"")
    }

    @Test("it reads no label row: outputs changed behind curate's back stop only the audit that reads rows")
    func readsNoRow() throws {
        let fixture = try IndexedChoiceTests.fixture()
        try fixture.store.sqliteBackend.connection.execute(#"UPDATE labels SET output = '"changed"'"#)
        let auditor = Auditor(store: fixture.store)
        let fromIndex = try auditor.audit(Selection())
        #expect(fromIndex.tuples.allSatisfy { $0.topLabels?.map(\.label) ?? ["changed"] == ["changed"] })
        #expect { try auditor.audit(Selection(), fromIndex: false) } throws: { IndexedDryRunTests.isContentChanged($0) }
    }
}
