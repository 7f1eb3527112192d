import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Several `curate` processes on one store, and a process killed in the middle of an ingest.
@Suite("concurrency and crashes")
struct ConcurrencyTests {
    static let linesPerProcess = 3_000

    /// Starts one `curate` per argument list so that they really run at the same moment:
    /// each is stopped as soon as it is spawned (before its `main` has run) and all are
    /// continued together once the last one exists.
    static func startTogether(_ invocations: [[String]], in workspace: TempWorkspace) throws -> [ChildProcess] {
        var running: [ChildProcess] = []
        for arguments in invocations {
            let child = try workspace.start(arguments)
            child.send(SIGSTOP)
            running.append(child)
        }
        for child in running { child.send(SIGCONT) }
        return running
    }

    @Test("ingests started at the same time on different files all succeed and all records are kept", arguments: [
        (2, false), (3, false), (3, true),
    ])
    func simultaneousIngests(processes: Int, explicitStore: Bool) throws {
        try TempWorkspace.with { workspace in
            // Either the workspace's own store, or one named by --store (each made by `curate init`).
            let storeArguments: [String]
            if explicitStore {
                try workspace.makeFolder("shared")
                storeArguments = ["--store", workspace.path("shared/store.sqlite")]
                try workspace.curateSucceeds(["init"] + storeArguments)
            } else {
                try workspace.initWorkspace()
                storeArguments = []
            }
            for index in 0..<processes {
                try workspace.write("part-\(index).jsonl", LabelLines.generate(count: Self.linesPerProcess, prefix: "p\(index)", model: "model-\(index)"))
            }

            let running = try Self.startTogether((0..<processes).map { index in ["ingest", "part-\(index).jsonl"] + storeArguments }, in: workspace)
            let results = running.map { $0.wait() }

            for result in results {
                #expect(result.status == 0 && !result.killedBySignal, "\(result)")
                #expect(!result.err.localizedCaseInsensitiveContains("locked"), "\(result)")
                #expect(result.stderr.isEmpty, "\(result)")
                #expect(IngestSummaryText.counts(in: result.out) == .init(Self.linesPerProcess, 0, 0), "\(result)")
            }
            let tuples = try workspace.statsJSON(arguments: storeArguments)
            #expect(tuples.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) } == processes * Self.linesPerProcess)
            for index in 0..<processes {
                let labels = tuples.filter { $0["model"] as? String == "model-\(index)" }.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) }
                #expect(labels == Self.linesPerProcess, "model-\(index) has \(labels) labels")
            }
            #expect(try workspace.sqlite("PRAGMA integrity_check;", store: explicitStore ? "shared/store.sqlite" : TempWorkspace.store) == "ok\n")
        }
    }

    /// The four concurrent ingests' sizes: every subset has its own sum, so an export's count
    /// tells exactly which ingests it saw.
    static let ingestSizes = [600, 1_100, 2_300, 3_700]

    @Test("4 ingests, an export and a flag at once: exact counts, one consistent export, nobody told the store is locked")
    func ingestsExportAndFlag() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            // 200 labels kept and 100 that the flag quarantines, committed before the race.
            try workspace.write("base.jsonl", LabelLines.generate(count: 200, prefix: "base", model: "kept-model"))
            try workspace.write("doomed.jsonl", LabelLines.generate(count: 100, prefix: "doomed", model: "doomed-model"))
            try workspace.curateSucceeds(["ingest", "base.jsonl", "doomed.jsonl"])
            for (index, size) in Self.ingestSizes.enumerated() {
                try workspace.write("part-\(index).jsonl", LabelLines.generate(count: size, prefix: "p\(index)", model: "model-\(index)"))
            }

            let invocations = Self.ingestSizes.indices.map { ["ingest", "part-\($0).jsonl"] }
                + [["export", "snapshot"], ["flag", "model", "doomed-model", "--reason", "noisy"]]
            let results = try Self.startTogether(invocations, in: workspace).map { $0.wait() }

            for (invocation, result) in zip(invocations, results) {
                #expect(result.status == 0 && !result.killedBySignal, "\(invocation): \(result)")
                #expect(!result.err.localizedCaseInsensitiveContains("locked") && !result.err.localizedCaseInsensitiveContains("busy"), "\(invocation): \(result)")
            }
            for (index, size) in Self.ingestSizes.enumerated() {
                #expect(IngestSummaryText.counts(in: results[index].out) == .init(size, 0, 0), "\(results[index])")
            }
            #expect(try workspace.labelCount() == 300 + Self.ingestSizes.reduce(0, +))

            // The export is one snapshot: whole ingests only, and the flag either seen or not.
            let verify = try workspace.curate(["verify", "snapshot"])
            #expect(verify.status == 0, "the export's manifest and data disagree: \(verify)")
            let manifest = try JSONSerialization.jsonObject(with: workspace.read("datasets/snapshot/manifest.json")) as? [String: Any]
            let exported = try #require((manifest?["records"] as? [String: Any])?["count"] as? Int)
            let doomed = try workspace.dataRows("snapshot").filter { $0["model"] as? String == "doomed-model" }.count
            let flagsSeen = (manifest?["flags"] as? [Any])?.count ?? -1
            #expect((doomed == 100 && flagsSeen == 0) || (doomed == 0 && flagsSeen == 1), "\(doomed) flagged labels exported, \(flagsSeen) flags in the manifest")
            let subsetSums = Set((0..<(1 << Self.ingestSizes.count)).map { subset in
                Self.ingestSizes.indices.filter { subset & (1 << $0) != 0 }.reduce(0) { $0 + Self.ingestSizes[$1] }
            })
            #expect(subsetSums.contains(exported - 200 - doomed), "the export holds \(exported) records: part of an ingest")
        }
    }

    static let racers = 6
    static let rounds = 5

    @Test("inits that create one store at the same moment all succeed, and the store is whole")
    func racingToCreateTheStore() throws {
        try TempWorkspace.with { workspace in
            try workspace.write("small.jsonl", LabelLines.generate(count: 20, prefix: "r"))
            // Each round, several processes make a store that does not exist yet: each sets one up
            // beside it and one of them wins. Nobody may be told it is locked, empty or damaged.
            for round in 0..<Self.rounds {
                let store = workspace.path("round-\(round).sqlite")
                let running = try Self.startTogether((0..<Self.racers).map { _ in ["init", "--store", store] }, in: workspace)
                for (index, result) in running.map({ $0.wait() }).enumerated() {
                    #expect(result.status == 0 && !result.killedBySignal && result.stderr.isEmpty, "round \(round), process \(index): \(result)")
                }
                try workspace.curateSucceeds(["ingest", "small.jsonl", "--store", store])
                #expect(try workspace.labelCount(arguments: ["--store", store]) == 20, "round \(round)")
            }
            #expect(workspace.listing().filter { $0.contains(".new-") }.isEmpty, "a set-up store was left behind: \(workspace.listing())")
        }
    }

    @Test("a store that another process holds locked while curate opens it makes curate wait, not fail")
    func waitsForALockedStore() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            // An exclusive lock, as a process migrating the store holds it: nobody may even read.
            let holder = try ChildProcess(
                executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["sqlite3", workspace.path(TempWorkspace.store)],
                directory: workspace.root, environment: CurateRunner.environment(), stdin: .pipe)
            let script = try #require(holder.input)
            try script.write(contentsOf: Data("BEGIN EXCLUSIVE;\nCREATE TABLE being_migrated (x);\n.shell touch locked\n".utf8))
            while !workspace.exists("locked") {
                usleep(2_000)  // sqlite3 has not taken the lock yet
            }

            let ingest = try workspace.start(["ingest", "labels.jsonl"])
            // Give curate ample time to run into the lock (a stimulus, not an assertion: curate
            // must wait for the lock however long it is held), then let go of it.
            usleep(500_000)
            try script.write(contentsOf: Data("ROLLBACK;\n".utf8))
            try script.close()
            _ = holder.wait()

            let result = ingest.wait()
            #expect(result.status == 0 && !result.killedBySignal, "\(result)")
            #expect(!result.err.localizedCaseInsensitiveContains("locked"), "\(result)")
            #expect(try workspace.labelCount() == 1)
        }
    }

    /// The killed invocation's input: a file, then standard input, 300,000 lines in all.
    static let fileLines = 5_000
    static let totalLines = 300_000
    /// How much standard input the killed process must have consumed first: four times what
    /// a Linux pipe holds (64 KiB), so by then it has read the whole file and is reading
    /// standard input, inside the invocation's transaction.
    static let consumedBeforeKill = 256 << 10

    @Test("an ingest killed mid-way leaves none of its records, and the store stays usable")
    func killedIngest() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            let committed = try workspace.labelCount()
            try workspace.write("part-1.jsonl", LabelLines.generate(count: Self.fileLines, prefix: "killed"))
            let before = try workspace.dump()

            let ingest = try workspace.start(["ingest", "part-1.jsonl", "-"], stdin: .pipe)
            let input = try #require(ingest.input)
            // Feed standard input until the process has consumed enough of it, then kill it.
            // Standard input is never closed, so the invocation cannot have finished: the only
            // acceptable outcome is that none of its records (from the file or the pipe) remain.
            var written = 0
            var next = Self.fileLines
            var killed = false
            while next < Self.totalLines {
                let chunk = LabelLines.generate(count: 500, prefix: "killed", startingAt: next)
                next += 500
                do {
                    try input.write(contentsOf: chunk)
                } catch {
                    break  // the process is gone; wait() below says why
                }
                written += chunk.count
                if written >= Self.consumedBeforeKill {
                    ingest.send(SIGKILL)
                    killed = true
                    break
                }
            }
            let result = ingest.wait()
            try? input.close()
            #expect(killed, "the process stopped reading before it could be killed: \(result)")
            #expect(result.killedBySignal && result.status == SIGKILL, "\(result)")

            #expect(try workspace.sqlite("PRAGMA integrity_check;") == "ok\n")
            #expect(try workspace.dump() == before, "the killed invocation left records in the store")
            #expect(try workspace.labelCount() == committed)

            // The lock died with the process: the same file goes in now, every record new.
            let again = try workspace.curate(["ingest", "part-1.jsonl"])
            #expect(again.status == 0, "\(again)")
            #expect(IngestSummaryText.counts(in: again.out) == .init(Self.fileLines, 0, 0), "\(again)")
        }
    }

    @Test("stats reads the store while an ingest holds the write lock")
    func readerDuringWrite() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            let committed = try workspace.labelCount()

            // An ingest that waits on its standard input keeps its transaction open.
            let writer = try workspace.start(["ingest", "-"], stdin: .pipe)
            let input = try #require(writer.input)
            try input.write(contentsOf: LabelLines.generate(count: 1_000, prefix: "open"))

            let stats = try workspace.curate(["stats", "--json"])
            #expect(stats.status == 0, "\(stats)")
            let tuples = try JSONSerialization.jsonObject(with: stats.stdout) as? [[String: Any]] ?? []
            #expect(tuples.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) } == committed, "stats saw uncommitted labels or failed")

            try input.close()
            let done = writer.wait()
            #expect(done.status == 0, "\(done)")
            #expect(try workspace.labelCount() == committed + 1_000)
        }
    }
}
