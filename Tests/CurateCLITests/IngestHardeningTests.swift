import Foundation
import Testing

/// Inputs and settings that crashed `curate`, looped or grew without bound: times outside
/// what the store can hold, a reject file that is an input, prompt names that leave the
/// repository, endless lines, NULs in text, a bad `SOURCE_DATE_EPOCH`, thousands of bad lines.
@Suite("curate ingest on hostile input")
struct IngestHardeningTests {
    static let farFuture = LabelLines.llm(inputID: "far", createdAt: "9999-12-31T23:59:59Z")

    // MARK: Times

    @Test("a time past 2261 is a bad line naming file, line and field, not a crash")
    func farFutureTimeIsBadInput() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "ok"), Self.farFuture]))
            let refused = try workspace.curate(["ingest", "in.jsonl"])
            #expect(refused.status == 2 && !refused.killedBySignal, "\(refused)")
            #expect(refused.err.contains(#"in.jsonl:2: field "created_at": "9999-12-31T23:59:59Z" is outside the supported times"#), "\(refused)")
            #expect(try workspace.labelCount() == 0)

            let skipped = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.jsonl", "in.jsonl"])
            #expect(skipped.status == 0, "\(skipped)")
            #expect(IngestSummaryText.counts(in: skipped.out) == .init(1, 0, 1), "\(skipped)")
            #expect(try workspace.read("rejects.jsonl") == LabelLines.file([Self.farFuture]))
        }
    }

    @Test("export --until/--since outside the supported times is a usage error", arguments: [
        ["--until", "9999-12-31"], ["--since", "0000-01-01"], ["--until", "1600-01-01T00:00:00Z"],
    ])
    func exportTimeBoundOutOfRange(bound: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let result = try workspace.curate(["export", "d"] + bound)
            #expect(result.status == 2 && !result.killedBySignal, "\(result)")
            #expect(result.err.contains(bound[0]), "\(result)")
        }
    }

    @Test("a SOURCE_DATE_EPOCH that is not whole seconds in range is an error naming it", arguments: [
        "99999999999999", "-99999999999999", "yesterday", "1.5", "",
    ])
    func badSourceDateEpoch(value: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.curateSucceeds(["ingest", "in.jsonl"])
            let result = try workspace.curate(["export", "d"], environment: ["SOURCE_DATE_EPOCH": value])
            #expect(result.status == 2 && !result.killedBySignal, "\(result)")
            #expect(result.err.contains("SOURCE_DATE_EPOCH=\"\(value)\""), "\(result)")
            #expect(!workspace.exists("datasets/d"))
        }
    }

    @Test("SOURCE_DATE_EPOCH sets the ingested_at an ingest records, as it sets export and flag times")
    func ingestedAtFromSourceDateEpoch() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.curateSucceeds(["ingest", "in.jsonl"], environment: ["SOURCE_DATE_EPOCH": "1793491200"])
            try workspace.curateSucceeds(["export", "d"])
            let id = try #require(try workspace.dataRows("d").first?["id"] as? String)
            let shown = try workspace.curateSucceeds(["show", id, "--json"])
            let label = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
            #expect(label["ingested_at"] as? String == "2026-11-01T00:00:00Z", "\(shown)")
        }
    }

    @Test("verify and diff refuse a manifest whose time is out of range instead of crashing")
    func manifestTimeOutOfRange() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            try workspace.curateSucceeds(["ingest", "in.jsonl"])
            try workspace.curateSucceeds(["export", "d"], environment: ["SOURCE_DATE_EPOCH": "1793491200"])
            let manifest = String(decoding: try workspace.read("datasets/d/manifest.json"), as: UTF8.self)
            #expect(manifest.contains("2026-11-01T00:00:00Z"))
            try workspace.write("datasets/d/manifest.json", manifest.replacingOccurrences(of: "2026-11-01T00:00:00Z", with: "9999-12-31T23:59:59Z"))
            for command in [["verify", "datasets/d"], ["diff", "datasets/d", "datasets/d"]] {
                let result = try workspace.curate(command)
                #expect(result.status == 2 && !result.killedBySignal, "\(command): \(result)")
                #expect(result.err.contains("created_at"), "\(command): \(result)")
            }
        }
    }

    // MARK: The reject file

    @Test("a reject file that is one of the inputs is refused, by path, symbolic link, hard link or redirect")
    func rejectIsInput() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let input = LabelLines.file([LabelLines.llm(inputID: "a"), #"{"task":"s"}"#])
            try workspace.write("in.jsonl", input)
            try FileManager.default.createSymbolicLink(atPath: workspace.path("link.jsonl"), withDestinationPath: workspace.path("in.jsonl"))
            try FileManager.default.linkItem(atPath: workspace.path("in.jsonl"), toPath: workspace.path("hard.jsonl"))
            let before = try workspace.dump()
            for reject in ["in.jsonl", "./in.jsonl", "link.jsonl", "hard.jsonl"] {
                let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", reject, "in.jsonl"])
                #expect(result.status == 2, "\(reject): \(result)")
                #expect(result.err.contains("--reject \(reject) is the input in.jsonl"), "\(reject): \(result)")
            }
            let redirected = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/sh"), ["-c", #""$0" ingest --skip-invalid --reject in.jsonl - < in.jsonl"#, CurateRunner.binary.get().path],
                in: workspace.root, environment: CurateRunner.environment())
            #expect(redirected.status == 2, "\(redirected)")
            #expect(redirected.err.contains("is the input <stdin>"), "\(redirected)")
            #expect(try workspace.read("in.jsonl") == input)
            #expect(try workspace.dump() == before)
        }
    }

    // MARK: Prompt names

    @Test("a prompt name that leaves the repository is an ordinary bad line")
    func promptNameLeavesRepository() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let escaping = LabelLines.llm(inputID: "b", prompt: "../..")
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a"), escaping]))
            let refused = try workspace.curate(["ingest", "in.jsonl"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.contains(#"in.jsonl:2: field "prompt.name""#), "\(refused)")

            let skipped = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.jsonl", "in.jsonl"])
            #expect(skipped.status == 0, "\(skipped)")
            #expect(IngestSummaryText.counts(in: skipped.out) == .init(1, 0, 1), "\(skipped)")
            #expect(try workspace.read("rejects.jsonl") == LabelLines.file([escaping]))
        }
    }

    // MARK: Long lines

    @Test("a line over --max-line-bytes is refused with its file, line and length")
    func lineTooLong() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let long = LabelLines.llm(inputID: String(repeating: "x", count: 5_000))
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a"), long, LabelLines.llm(inputID: "c")]))
            let refused = try workspace.curate(["ingest", "--max-line-bytes", "1000", "in.jsonl"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.contains("in.jsonl:2: the line is \(long.utf8.count) bytes, longer than the limit of 1000 bytes"), "\(refused)")

            let skipped = try workspace.curate(["ingest", "--max-line-bytes", "1000", "--skip-invalid", "--reject", "r.jsonl", "in.jsonl"])
            #expect(skipped.status == 0, "\(skipped)")
            #expect(IngestSummaryText.counts(in: skipped.out) == .init(2, 0, 1), "\(skipped)")
            #expect(skipped.out.contains("1 rejected line was longer than --max-line-bytes and not copied to the reject file"), "\(skipped)")
            #expect(!workspace.exists("r.jsonl"))

            let bad = try workspace.curate(["ingest", "--max-line-bytes", "0", "in.jsonl"])
            #expect(bad.status == 2, "\(bad)")
        }
    }

    @Test("the default limit is 16 MiB: a 17 MiB line without a newline on standard input is refused")
    func defaultLimit() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let zeros = Data(count: 17 << 20)
            let result = try workspace.curate(["ingest", "-"], stdin: .bytes(zeros))
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("<stdin>:1: the line is \(17 << 20) bytes, longer than the limit of \(16 << 20) bytes"), "\(result)")
        }
    }

    // MARK: Listing and text

    @Test("--skip-invalid lists the first 10 skipped lines and counts the rest")
    func skippedListingIsCapped() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let bad = (0..<25).map { #"{"task":"s","n":\#($0)}"# }
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")] + bad))
            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "r.jsonl", "in.jsonl"])
            #expect(result.status == 0, "\(result)")
            let listed = result.err.split(separator: "\n").filter { $0.hasPrefix("curate: skipped in.jsonl:") }
            #expect(listed.count == 10, "\(result)")
            #expect(listed.first?.hasPrefix("curate: skipped in.jsonl:2:") == true, "\(result)")
            #expect(result.err.contains("… and 15 more bad lines (25 in all)"), "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(1, 0, 25), "\(result)")
            #expect(try TestFiles.lines(of: workspace.read("r.jsonl")).count == 25)
        }
    }

    @Test("text holding a NUL is shown whole")
    func nulInText() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("in.jsonl", LabelLines.file([LabelLines.llm(inputID: "a", task: #"s\u0000x"#, model: #"m\u0000n"#)]))
            try workspace.curateSucceeds(["ingest", "in.jsonl"])
            let tuples = try workspace.statsJSON()
            #expect(tuples.first?["task"] as? String == "s\u{0}x", "\(tuples)")
            #expect(tuples.first?["model"] as? String == "m\u{0}n", "\(tuples)")
        }
    }
}
