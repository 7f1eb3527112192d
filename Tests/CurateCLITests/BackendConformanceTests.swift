import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The same commands on every store backend: each scenario runs on SQLite and, when a test
/// server is given, on PostgreSQL, and must give the same answers on both.
@Suite("store backends: the same commands, the same answers")
struct BackendConformanceTests {
    /// A fixed clock, so ingest times, flag times and manifests are the same on every run.
    static let clock = ["SOURCE_DATE_EPOCH": "1790000000"]

    /// The demo workspace's prompts and sample, on `store`'s backend.
    static func demo(_ store: BackendWorkspace) throws {
        let repository = TestFiles.repositoryRoot
        for file in ["examples/labels.jsonl", "prompts/prompts.lock", "curate.toml"] {
            try store.workspace.write(file, Data(contentsOf: repository.appendingPathComponent(file)))
        }
        for entry in try FileManager.default.subpathsOfDirectory(atPath: repository.appendingPathComponent("prompts").path).sorted() {
            let url = repository.appendingPathComponent("prompts").appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            try store.workspace.write("prompts/" + entry, Data(contentsOf: url))
        }
    }

    /// What a user sees from a tour of every command on the demo sample: each command's
    /// status and output (the workspace's folder scrubbed), and each exported file's bytes.
    static func tour(_ store: BackendWorkspace) throws -> [String] {
        try demo(store)
        var seen: [String] = []
        func run(_ arguments: [String], stdin: StandardInput = .empty) throws {
            let result = try store.curate(arguments, environment: clock, stdin: stdin)
            // Only where the store is differs, and SQLite's page count, which PostgreSQL has not.
            let output = store.workspace.scrub((result.out + result.err).replacingOccurrences(of: store.location, with: "<STORE>"))
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"pages\":") }
            seen.append("$ curate \(arguments.joined(separator: " ")) → \(result.status)\n" + output.joined(separator: "\n"))
        }
        func files(_ dataset: String) throws {
            for file in store.workspace.listing("datasets/\(dataset)") where !file.hasSuffix("/") {
                let url = store.workspace.url("datasets/\(dataset)/\(file)")
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                seen.append("file \(dataset)/\(file): " + String(decoding: try Data(contentsOf: url), as: UTF8.self))
            }
        }
        try run(["ingest", "examples/labels.jsonl", "--json"])
        try run(["ingest", "examples/labels.jsonl", "--json"])
        try store.workspace.write("conflict.jsonl", LabelLines.file([
            LabelLines.llm(inputID: "fresh-1", prompt: "sentiment", version: "v3", id: "new-record"),
            LabelLines.llm(inputID: "rev-000001", output: "neutral", prompt: "sentiment", version: "v3", id: "new-record"),
        ]))
        try run(["ingest", "conflict.jsonl"])
        try run(["ingest", "conflict.jsonl", "--skip-invalid", "--reject", "rejects.jsonl"])
        try run(["stats", "--json"])
        try run(["prompts", "list", "--json"])
        try run(["flag", "prompt", "sentiment@v1", "--reason", "noisy era"])
        try run(["flag", "model", "*haiku*", "--reason", "small model"])
        try run(["flags", "--json"])
        try run(["export", "clean", "--exclude-prompt", "intent@v1", "--split", "train=0.8,test=0.2", "--json"])
        try files("clean")
        try run(["export", "all", "--include-flagged", "--resolve", "all", "--format", "parquet", "--dry-run", "--json"])
        try run(["stale", "--task", "sentiment"])
        try run(["stale", "--count"])
        try run(["audit", "--json"])
        try run(["unflag", "model", "*haiku*"])
        try run(["retract", "run", "run-20261009-sentiment", "--reason", "bad batch"])
        try run(["retractions", "--json"])
        try run(["show", "new-record", "--json"])
        try run(["export", "after", "--task", "sentiment", "--format", "csv", "--json"])
        try files("after")
        try run(["check", "--json"])
        return seen
    }

    @Test("every command of the tour does what it does on SQLite: each exit status", arguments: TestBackend.available)
    func tourStatuses(backend: TestBackend) throws {
        let commands = try BackendWorkspace.with(backend, Self.tour).filter { $0.hasPrefix("$ curate ") }
        let statuses = commands.map { $0.split(separator: "\n")[0].split(separator: " ").last.map(String.init) ?? "" }
        // The conflicting record refuses its ingest (2); `check` finds nothing (0); the rest succeed.
        #expect(statuses == ["0", "0", "2"] + Array(repeating: "0", count: commands.count - 3), "\(commands.joined(separator: "\n"))")
        #expect(commands.count == 20)
    }

    @Test(
        "a tour of every command on the demo sample gives the same answers on every backend",
        .enabled(if: TestBackend.available.count > 1, "needs a PostgreSQL server: set CURATE_TEST_POSTGRES"))
    func sameAnswers() throws {
        let answers = try TestBackend.available.map { backend in try BackendWorkspace.with(backend, Self.tour) }
        for (index, answer) in answers.enumerated().dropFirst() {
            #expect(answer.count == answers[0].count)
            for (expected, found) in zip(answers[0], answer) where expected != found {
                Issue.record("\(TestBackend.available[index]) differs from sqlite:\n--- sqlite\n\(expected)\n--- \(TestBackend.available[index])\n\(found)")
            }
        }
    }
}

/// Many `curate` processes on one store at once, as a team has them.
@Suite("store backends: writers, exports, flags and backfill at once")
struct BackendConcurrencyTests {
    static let writers = 8
    static let recordsPerWriter = 2_000

    @Test("8 ingests of overlapping files with exports, a flag and a backfill at once: every record stored once, each export one snapshot", arguments: TestBackend.available)
    func team(backend: TestBackend) throws {
        try BackendWorkspace.with(backend) { store in
            let workspace = store.workspace
            // bulk@v1 had two texts, so labels naming only the version are ambiguous until backfill places them.
            try workspace.gitInit()
            try workspace.write("prompts/bulk/v1.txt", "first text\n")
            try workspace.commit("bulk v1", at: "2026-05-01T00:00:00Z")
            try workspace.write("prompts/bulk/v1.txt", "second text\n")
            try workspace.commit("bulk v1 edited", at: "2026-06-01T10:30:00Z")
            try workspace.write("seed.jsonl", LabelLines.file((0..<5).map { LabelLines.llm(inputID: "seed-\($0)", task: "seedtask", model: "seed-model") }))
            try workspace.write("seed-bulk.jsonl", LabelLines.generate(count: 100, prefix: "r"))
            try store.curateSucceeds(["ingest", "seed.jsonl", "seed-bulk.jsonl"])
            // Writer i has records [1000 i, 1000 i + 2000): each shares half of them with the next one.
            for writer in 0..<Self.writers {
                try workspace.write("part-\(writer).jsonl", LabelLines.generate(count: Self.recordsPerWriter, prefix: "r", startingAt: writer * Self.recordsPerWriter / 2))
            }
            let distinct = (Self.writers + 1) * Self.recordsPerWriter / 2
            var invocations = (0..<Self.writers).map { ["ingest", "part-\($0).jsonl", "--json"] }
            invocations += (0..<3).map { ["export", "snap-\($0)", "--task", "bulk", "--json"] }
            invocations += [["flag", "model", "seed-model", "--reason", "a flag during the ingests"], ["backfill", "--from-git"]]
            var running: [ChildProcess] = []
            for arguments in invocations {
                let child = try store.start(arguments)
                child.send(SIGSTOP)
                running.append(child)
            }
            running.forEach { $0.send(SIGCONT) }
            let results = running.map { $0.wait() }

            var stored = 0
            for (arguments, result) in zip(invocations, results) {
                #expect(result.status == 0 && !result.killedBySignal, "\(arguments): \(result)")
                #expect(!result.err.contains("could not serialize") && !result.err.contains("deadlock"), "\(result)")
                if arguments[0] == "ingest", let summary = try? JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] {
                    let new = summary["new"] as? Int ?? -1, duplicates = summary["duplicates"] as? Int ?? -1
                    #expect(new + duplicates == Self.recordsPerWriter, "\(result)")
                    stored += new
                }
            }
            #expect(stored == distinct - 100, "every record not seeded is new to exactly one writer")
            #expect(try store.labelCount() == distinct + 5)

            // Each export is one snapshot: its records are the bulk labels its manifest's store state counts.
            for arguments in invocations where arguments[0] == "export" {
                let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/\(arguments[1])/manifest.json")) as? [String: Any])
                let records = try #require((manifest["records"] as? [String: Any])?["count"] as? Int)
                let labels = try #require((manifest["store"] as? [String: Any])?["labels"] as? Int)
                #expect(records == labels - 5, "\(arguments[1]): \(records) records of \(labels) labels")
                let verified = try store.curate(["verify", "datasets/\(arguments[1])"])
                #expect(verified.status == 0, "\(verified)")
            }
            try store.curateSucceeds(["backfill", "--from-git"])
            let bulk = try workspace.statsJSON(environment: store.environment).filter { $0["task"] as? String == "bulk" }
            #expect(bulk.allSatisfy { $0["hash_status"] as? String == "inferred-git" }, "\(bulk)")
            #expect(bulk.reduce(0) { $0 + ($1["labels"] as? Int ?? 0) } == distinct)
            let check = try store.curate(["check"])
            #expect(check.status == 0, "\(check)")
        }
    }
}

/// A team's store URL and libpq's ways of giving it a password or a service.
@Suite("PostgreSQL store: credentials", .enabled(if: TestBackend.server != nil, "needs a PostgreSQL server: set CURATE_TEST_POSTGRES"))
struct PostgresCredentialTests {
    /// `url` with `user:password@` in its authority.
    static func withPassword(_ url: String, _ password: String) throws -> String {
        let scheme = try #require(url.range(of: "://"))
        let rest = url[scheme.upperBound...]
        let at = try #require(rest.firstIndex(of: "@"), "the test server's URI names its user")
        return String(url[..<at]) + ":" + password + String(url[at...])
    }

    @Test("a password in the store URL never shows: not in output, errors, manifests or the dataset")
    func passwordMasked() throws {
        try BackendWorkspace.with(.postgresql) { store in
            let secret = "s3cret-pw-\(UUID().uuidString.prefix(8))"
            let url = try Self.withPassword(try #require(store.environment["CURATE_STORE"]), secret)
            let environment = ["CURATE_STORE": url]
            try store.workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a"), LabelLines.llm(inputID: "b")]))
            var outputs: [ProcessOutput] = []
            for arguments in [
                ["ingest", "labels.jsonl"], ["stats"], ["export", "clean"], ["export", "bad", "--task", "nosuchtask"],
                ["check", "--json"], ["show", "nosuchlabel"], ["flag", "model", "nosuchmodel", "--reason", "r"],
            ] {
                outputs.append(try store.workspace.curate(arguments, environment: environment))
            }
            let broken = url.replacingOccurrences(of: "host=", with: "host=/nonexistent")
            outputs.append(try store.workspace.curate(["stats"], environment: ["CURATE_STORE": broken]))
            #expect(outputs.last?.status == 3 && outputs.last?.err.contains("***") == true, "\(outputs.last.map { "\($0)" } ?? "")")
            for output in outputs {
                #expect(!output.out.contains(secret) && !output.err.contains(secret), "\(output)")
            }
            for file in store.workspace.listing("datasets/clean") where !file.hasSuffix("/") {
                let text = String(decoding: (try? store.workspace.read("datasets/clean/\(file)")) ?? Data(), as: UTF8.self)
                #expect(!text.contains(secret), "datasets/clean/\(file)")
            }
        }
    }

    @Test("a URL naming no database is a usage error that says to make it, as a missing store file is; init does not make it")
    func missingDatabase() throws {
        try BackendWorkspace.with(.postgresql) { store in
            let url = try #require(store.environment["CURATE_STORE"]).replacingOccurrences(of: "/curate_c_", with: "/curate_none_")
            for arguments in [["stats"], ["init"]] {
                let result = try store.workspace.curate(arguments, environment: ["CURATE_STORE": url])
                #expect(result.status == 2, "\(result)")
                #expect(result.err.contains("does not exist") && result.err.contains("createdb"), "\(result)")
            }
        }
    }

    @Test("a libpq service file names the store: CURATE_STORE=postgresql://?service=NAME")
    func serviceFile() throws {
        try BackendWorkspace.with(.postgresql) { store in
            let uri = try #require(store.environment["CURATE_STORE"])
            let query = try #require(uri.split(separator: "?", maxSplits: 1).last)
            let database = try #require(uri.split(separator: "?")[0].split(separator: "/").last)
            let authority = uri.split(separator: "?")[0].dropFirst("postgresql://".count).split(separator: "/", omittingEmptySubsequences: false)[0]
            var service = "[curatetest]\ndbname=\(database)\n"
            if let user = authority.split(separator: "@").first, authority.contains("@") { service += "user=\(user)\n" }
            for pair in query.split(separator: "&") { service += pair + "\n" }
            try store.workspace.write("pg_service.conf", service)
            try store.workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let environment = ["CURATE_STORE": "postgresql://?service=curatetest", "PGSERVICEFILE": store.workspace.path("pg_service.conf")]
            let ingest = try store.workspace.curate(["ingest", "labels.jsonl"], environment: environment)
            #expect(ingest.status == 0, "\(ingest)")
            #expect(try store.labelCount() == 1, "the service names the same database as the URI")
        }
    }
}
