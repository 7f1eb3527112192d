import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `curate` killed (SIGKILL, nothing flushed, no handler run) at many points of an ingest, an
/// export and a backfill: the store stays sound and holds all or none of the killed command's
/// work, no half-written dataset appears, and the same command run again completes.
///
/// Each test first runs its command to the end once, timing it, then kills it at evenly
/// spread fractions of that time, so the points land across the whole run on any machine.
@Suite("crash safety")
struct CrashSafetyTests {
    static let ingestLines = 15_000
    static let ingestKills = 10
    static let exportLabels = 20_000
    static let exportKills = 5
    static let backfillLabels = 20_000
    static let backfillKills = 5

    /// Runs `curate ARGS` and returns how long it took; it must succeed.
    static func timed(_ arguments: [String], in workspace: TempWorkspace) throws -> (ProcessOutput, TimeInterval) {
        let started = Date()
        let result = try workspace.curateSucceeds(arguments)
        return (result, Date().timeIntervalSince(started))
    }

    /// Runs `curate ARGS` again and again, each time killed with SIGKILL at a later moment of
    /// its run, until it has been killed at `points` moments spread over the run, calling
    /// `prepare` before and `inspect` after each run (with its number).
    ///
    /// `duration` is how long one run to the end took. A run that finishes before its kill (the
    /// machine got faster) shortens that estimate, and the same point is tried again, earlier.
    static func kill(
        _ arguments: [String], at points: Int, over duration: TimeInterval, in workspace: TempWorkspace,
        prepare: () throws -> Void, inspect: (Int) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var estimate = duration
        var killed = 0
        var runs = 0
        while killed < points, runs < 3 * points {
            try prepare()
            let started = Date()
            let child = try workspace.start(arguments)
            usleep(useconds_t(estimate * Double(killed + 1) / Double(points + 1) * 1_000_000))
            child.send(SIGKILL)
            let result = child.wait()
            runs += 1
            if result.killedBySignal {
                killed += 1
            } else {
                #expect(result.status == 0, "run \(runs): \(result)", sourceLocation: sourceLocation)
                estimate = min(estimate, Date().timeIntervalSince(started)) * 0.8
            }
            try inspect(runs)
        }
        #expect(killed == points, "only \(killed) of \(runs) runs were still running when killed", sourceLocation: sourceLocation)
    }

    /// Runs `curate check --json`, expects the store to pass, and returns how many labels it checked.
    static func checkedLabels(_ workspace: TempWorkspace, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let result = try workspace.curate(["check", "--json"])
        #expect(result.status == 0, "the store is damaged: \(result)", sourceLocation: sourceLocation)
        let report = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        return (report?["checked"] as? [String: Any])?["labels"] as? Int ?? -1
    }

    @Test("an ingest killed at 10 points stores all or none of its records; the rerun stores exactly the rest")
    func killedIngests() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            let before = try workspace.labelCount()
            let pristine = try workspace.read(TempWorkspace.store)
            try workspace.write("big.jsonl", LabelLines.generate(count: Self.ingestLines, prefix: "crash"))
            let (_, duration) = try Self.timed(["ingest", "big.jsonl"], in: workspace)

            try Self.kill(["ingest", "big.jsonl"], at: Self.ingestKills, over: duration, in: workspace) {
                try workspace.write(TempWorkspace.store, pristine)  // the store before the ingest
            } inspect: { run in
                let labels = try Self.checkedLabels(workspace)
                #expect(labels == before || labels == before + Self.ingestLines, "run \(run) left \(labels - before) of its records")
                let rerun = try workspace.curate(["ingest", "big.jsonl"])
                #expect(rerun.status == 0, "run \(run): \(rerun)")
                let stored = labels - before
                #expect(IngestSummaryText.counts(in: rerun.out) == .init(Self.ingestLines - stored, stored, 0), "run \(run): \(rerun)")
            }
        }
    }

    @Test("an export killed at 5 points leaves the dataset whole or absent; the rerun writes it whole")
    func killedExports() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.generate(count: Self.exportLabels, prefix: "export"))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            let command = ["export", "killed", "--force", "--split", "train=0.8,test=0.2"]
            let (_, duration) = try Self.timed(command, in: workspace)
            try FileManager.default.removeItem(at: workspace.url("datasets/killed"))

            // The first kill interrupts a new dataset; later ones may interrupt replacing one.
            try Self.kill(command, at: Self.exportKills, over: duration, in: workspace) {
            } inspect: { run in
                #expect(try Self.checkedLabels(workspace) == Self.exportLabels, "run \(run)")
                let visible = workspace.listing("datasets").filter { !$0.hasPrefix(".") && !$0.contains("/.") }
                if !visible.isEmpty {
                    try Self.expectWholeDataset(workspace, "run \(run)")
                }
                let rerun = try workspace.curate(command)
                #expect(rerun.status == 0, "run \(run): \(rerun)")
                try Self.expectWholeDataset(workspace, "rerun after run \(run)")
            }
        }
    }

    /// Expects `datasets/killed` to match its manifest, with every exported label in it.
    static func expectWholeDataset(_ workspace: TempWorkspace, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try workspace.curate(["verify", "killed"])
        #expect(verify.status == 0, "\(context): a half-written dataset is visible: \(verify)", sourceLocation: sourceLocation)
        let manifest = try JSONSerialization.jsonObject(with: workspace.read("datasets/killed/manifest.json")) as? [String: Any]
        let records = (manifest?["records"] as? [String: Any])?["count"] as? Int
        #expect(records == exportLabels, "\(context)", sourceLocation: sourceLocation)
    }

    @Test("a backfill killed at 5 points places all or none of the labels; the rerun places exactly the rest")
    func killedBackfills() throws {
        try TempWorkspace.with { workspace in
            // Two texts of bulk@v1 in git history, so the hashless labels are ambiguous; the
            // second takes effect half way through their created_at times.
            try workspace.gitInit()
            try workspace.write("prompts/bulk/v1.txt", "first text\n")
            try workspace.commit("first", at: "2026-05-01T00:00:00Z")
            try workspace.write("prompts/bulk/v1.txt", "second text\n")
            try workspace.commit("second", at: "2026-06-01T10:30:00Z")
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.generate(count: Self.backfillLabels, prefix: "placed"))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            let pristine = try workspace.read(TempWorkspace.store)
            let (first, duration) = try Self.timed(["backfill", "--from-git"], in: workspace)
            #expect(first.out.contains("assigned \(Self.backfillLabels) labels (inferred-git)"), "\(first)")

            try Self.kill(["backfill", "--from-git"], at: Self.backfillKills, over: duration, in: workspace) {
                try workspace.write(TempWorkspace.store, pristine)  // every label unplaced again
            } inspect: { run in
                #expect(try Self.checkedLabels(workspace) == Self.backfillLabels, "run \(run)")
                let placed = try Self.inferred(workspace)
                #expect(placed == 0 || placed == Self.backfillLabels, "run \(run) left \(placed) labels placed")
                let rerun = try workspace.curate(["backfill", "--from-git"])
                #expect(rerun.status == 0, "run \(run): \(rerun)")
                let expected = placed == 0 ? "assigned \(Self.backfillLabels) labels (inferred-git)" : "nothing to do"
                #expect(rerun.out.contains(expected), "run \(run): \(rerun)")
                #expect(try Self.inferred(workspace) == Self.backfillLabels, "run \(run)")
            }
        }
    }

    /// Labels whose prompt backfill placed (`inferred-git`), as `curate stats` counts them.
    static func inferred(_ workspace: TempWorkspace) throws -> Int {
        try workspace.statsJSON().filter { $0["hash_status"] as? String == "inferred-git" }.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) }
    }
}
