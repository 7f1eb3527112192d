import Foundation
import Testing

/// `curate ingest`: standard input, the summary, refusal that leaves the store as it was,
/// `--skip-invalid` with its verbatim reject file, idempotency and conflicts.
@Suite("curate ingest")
struct IngestTests {
    static let sentimentV1 = "d7d78d5c2bde491374105a3528fe1c1db2b891fc5b5cf6ba9e24875263c7bcb8"

    // MARK: Summary and standard input

    @Test("the summary counts new records and each provenance tuple; a second run only duplicates")
    func summary() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            let lines = try TestFiles.fixtureLines("labels-small.jsonl").count

            let first = try workspace.curate(["ingest", "labels-small.jsonl"])
            #expect(first.status == 0, "\(first)")
            #expect(first.stderr.isEmpty, "\(first)")
            #expect(IngestSummaryText.counts(in: first.out) == .init(lines, 0, 0), "\(first)")
            Snapshot.expect(first.out, matches: "ingest-labels-small.txt")

            let second = try workspace.curate(["ingest", "labels-small.jsonl"])
            #expect(second.status == 0, "\(second)")
            #expect(IngestSummaryText.counts(in: second.out) == .init(0, lines, 0), "\(second)")
            Snapshot.expect(second.out, matches: "ingest-labels-small-again.txt")
        }
    }

    @Test("'-' reads standard input, alone or beside files")
    func standardInput() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let piped = try TestFiles.fixture("labels-small.jsonl")
            let lines = try TestFiles.fixtureLines("labels-small.jsonl").count

            let alone = try workspace.curate(["ingest", "-"], stdin: .bytes(piped))
            #expect(alone.status == 0, "\(alone)")
            #expect(IngestSummaryText.counts(in: alone.out) == .init(lines, 0, 0), "\(alone)")
            #expect(alone.out.contains("<stdin>"), "the summary does not name standard input: \(alone)")
            #expect(try workspace.labelCount() == lines)

            try workspace.write("more.jsonl", LabelLines.file([LabelLines.llm(inputID: "m-1"), LabelLines.llm(inputID: "m-2")]))
            let more = LabelLines.file([LabelLines.human(inputID: "s-1"), LabelLines.human(inputID: "s-2"), LabelLines.human(inputID: "s-3")])
            let beside = try workspace.curate(["ingest", "more.jsonl", "-"], stdin: .bytes(more))
            #expect(beside.status == 0, "\(beside)")
            #expect(IngestSummaryText.counts(in: beside.out) == .init(5, 0, 0), "\(beside)")
            #expect(try workspace.labelCount() == lines + 5)
        }
    }

    @Test("a bad line on standard input names <stdin> and its line")
    func badLineOnStandardInput() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let input = LabelLines.file([LabelLines.llm(inputID: "a"), #"{"task":"sentiment"}"#])
            let result = try workspace.curate(["ingest", "-"], stdin: .bytes(input))
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix(#"curate: <stdin>:2: field "input_id""#), "\(result)")
            #expect(try workspace.labelCount() == 0)
        }
    }

    @Test("the prompt's identity is the SHA-256 of its text, CRLF read as LF")
    func promptTextIsHashed() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let text = "Rate the review.\nReview: {{text}}\n"
            let record = { (inputID: String, template: String) in
                #"{"task":"sentiment","input_id":"\#(inputID)","output":"positive","created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"rate","version":"v7","text":"\#(template)"}}"#
            }
            try workspace.write("labels.jsonl", LabelLines.file([
                record("a", text.replacingOccurrences(of: "\n", with: "\\n")),
                record("b", text.replacingOccurrences(of: "\n", with: "\\r\\n")),
            ]))
            let sha256sum = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum"], in: workspace.root,
                environment: CurateRunner.environment(), stdin: .bytes(Data(text.utf8)))
            let expected = try #require(sha256sum.out.split(separator: " ").first.map(String.init))

            let ingest = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(ingest.status == 0, "\(ingest)")
            #expect(ingest.out.contains("rate@v7#\(expected.prefix(12))"), "the summary does not show NAME@VERSION#HASH12: \(ingest)")
            let tuples = try workspace.statsJSON()
            #expect(tuples.count == 1)
            let prompt = try #require(tuples.first?["prompt"] as? [String: Any])
            #expect(prompt["sha256"] as? String == expected)
            #expect(tuples.first?["labels"] as? Int == 2)
            #expect(tuples.first?["hash_status"] as? String == "recorded")
        }
    }

    // MARK: Refusal

    @Test("a bad timestamp is named by file, line and field, and nothing is stored")
    func badTimestampMessage() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("bad-created-at.jsonl", to: "labels.jsonl")
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            let firstLine = result.err.split(separator: "\n").first.map(String.init)
            #expect(firstLine == #"curate: labels.jsonl:3: field "created_at": not an RFC 3339 time ("yesterday")"#)
            #expect(try workspace.dump() == before)
        }
    }

    /// One bad line, and what the error must say about it after `FILE:LINE: `.
    struct BadLine: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: Data
        let mentions: String

        init(_ name: String, _ line: String, mentions: String) {
            self.init(name, Data(line.utf8), mentions: mentions)
        }

        init(_ name: String, _ bytes: Data, mentions: String) {
            self.name = name
            self.bytes = bytes
            self.mentions = mentions
        }

        var testDescription: String { name }
    }

    static let good = LabelLines.llm(inputID: "bad-case")

    static let badLines: [BadLine] = [
        BadLine("malformed JSON", #"{"task":"sentiment","input_id":"#, mentions: "JSON"),
        BadLine("not an object", #"["sentiment", "x", "positive"]"#, mentions: "object"),
        BadLine("missing field", good.replacingOccurrences(of: #""input_id":"bad-case","#, with: ""), mentions: #"field "input_id""#),
        BadLine("mistyped field", good.replacingOccurrences(of: #""task":"sentiment""#, with: #""task":7"#), mentions: #"field "task""#),
        BadLine("impossible date", good.replacingOccurrences(of: "2026-06-01T12", with: "2026-02-30T12"), mentions: #"field "created_at""#),
        BadLine("time without zone", good.replacingOccurrences(of: "12:00:00Z", with: "12:00:00"), mentions: #"field "created_at""#),
        BadLine("unknown field", good.replacingOccurrences(of: #""task""#, with: #""lable":"x","task""#), mentions: #"field "lable""#),
        BadLine("LLM label without model", good.replacingOccurrences(of: #""model":"test-model","#, with: ""), mentions: #"field "model""#),
        BadLine("unknown origin", good.replacingOccurrences(of: #""task""#, with: #""origin":"robot","task""#), mentions: #"field "origin""#),
        BadLine("bad prompt hash", good.replacingOccurrences(of: #""version":"v1""#, with: #""version":"v1","sha256":"abc""#), mentions: #"field "prompt.sha256""#),
        BadLine("null output", good.replacingOccurrences(of: #""output":"positive""#, with: #""output":null"#), mentions: #"field "output""#),
        BadLine("invalid UTF-8", Data(#"{"task":"sentiment","input_id":"caf"#.utf8) + Data([0xC3, 0x28]) + Data(good.dropFirst(#"{"task":"sentiment","input_id":"bad-case"#.count).utf8), mentions: "UTF-8"),
        BadLine("conflicting id", #"{"id":"caller-id-7","task":"intent","input_id":"tkt-1","output":"refund","created_at":"2026-06-01T07:00:00Z","model":"claude-3-5-haiku-20241022","prompt":{"name":"intent","version":"v1","sha256":"dc84f06977e1aff650086c7c1d8623bb0972761c70860fdbec15a2f2bb55502d"}}"#, mentions: #"field "id""#),
    ]

    @Test("a refused invocation names the bad line and leaves a full dump of the store unchanged", arguments: badLines)
    func refusedInvocationLeavesStoreUnchanged(bad: BadLine) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            // A good file first, so a refusal has to undo work already done in this invocation.
            try workspace.write("good.jsonl", LabelLines.file([LabelLines.llm(inputID: "g-1"), LabelLines.llm(inputID: "g-2"), LabelLines.human(inputID: "g-3")]))
            try workspace.write("labels.jsonl", LabelLines.file([LabelLines.llm(inputID: "l-1")]) + bad.bytes + LabelLines.file(["", LabelLines.llm(inputID: "l-3")]))
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "good.jsonl", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "a refused ingest printed a summary: \(result)")
            let firstLine = result.err.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine.hasPrefix("curate: labels.jsonl:2: "), "\(result)")
            #expect(firstLine.contains(bad.mentions), "\(result)")
            #expect(try workspace.dump() == before, "the refused invocation changed the store")
            #expect(!workspace.exists(".curate/rejects"), "a refused ingest without --skip-invalid wrote a reject file")
        }
    }

    @Test("every bad line of a refused file is named, across files")
    func everyBadLineIsNamed() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("mixed.jsonl")
            try workspace.copyFixture("bad-created-at.jsonl")
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "mixed.jsonl", "bad-created-at.jsonl"])
            #expect(result.status == 2, "\(result)")
            for place in ["mixed.jsonl:2:", "mixed.jsonl:5:", "mixed.jsonl:6:", "mixed.jsonl:8:", "mixed.jsonl:9:", "bad-created-at.jsonl:3:"] {
                #expect(result.err.contains(place), "\(place) is not named: \(result)")
            }
            for place in ["mixed.jsonl:1:", "mixed.jsonl:3:", "mixed.jsonl:4:", "mixed.jsonl:7:"] {
                #expect(!result.err.contains(place), "good line \(place) is named as bad: \(result)")
            }
            #expect(try workspace.dump() == before)
        }
    }

    @Test("a refusal says nothing was stored and how to go on", arguments: [1, 3])
    func refusalSaysWhatToDo(badLineCount: Int) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            var lines = [LabelLines.llm(inputID: "ok")]
            for index in 0..<badLineCount {
                lines.append(LabelLines.llm(inputID: "bad-\(index)", createdAt: "yesterday"))
            }
            try workspace.write("labels.jsonl", LabelLines.file(lines))

            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("--skip-invalid"), "the error does not say how to store the good lines: \(result)")
            #expect(result.err.contains("nothing was stored"), "the error does not say the store is unchanged: \(result)")
        }
    }

    @Test("an input that cannot be read refuses the whole invocation", arguments: ["missing.jsonl", "folder"])
    func unreadableInput(name: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.makeFolder("folder")
            try workspace.write("good.jsonl", LabelLines.file([LabelLines.llm(inputID: "a")]))
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "good.jsonl", name])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains(name), "the error does not name the input: \(result)")
            #expect(try workspace.dump() == before)
        }
    }

    // MARK: --skip-invalid

    static let mixedBadLines = [2, 5, 6, 8, 9]

    /// The reject file `mixed.jsonl` should give: each bad line as it was, with a newline.
    static func mixedRejects() throws -> Data {
        let lines = try TestFiles.fixtureLines("mixed.jsonl")
        return mixedBadLines.reduce(into: Data()) { rejects, number in
            rejects.append(lines[number - 1])
            rejects.append(0x0A)
        }
    }

    @Test("--skip-invalid stores the good lines and writes the bad ones verbatim to --reject")
    func skipInvalidWithRejectPath() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("mixed.jsonl")

            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "bad-lines.jsonl", "mixed.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(3, 0, Self.mixedBadLines.count), "\(result)")
            #expect(result.out.contains("bad-lines.jsonl"), "the summary does not say where the bad lines went: \(result)")
            #expect(try workspace.read("bad-lines.jsonl") == Self.mixedRejects())
            for number in Self.mixedBadLines {
                #expect(result.err.contains("mixed.jsonl:\(number):"), "no warning for line \(number): \(result)")
            }
            #expect(try workspace.labelCount() == 3)
        }
    }

    @Test("--skip-invalid without --reject writes to a default file the summary names")
    func skipInvalidDefaultRejectPath() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("mixed.jsonl", to: "inbox/mixed.jsonl")
            let before = Set(workspace.listing())

            let result = try workspace.curate(["ingest", "--skip-invalid", "mixed.jsonl"], in: "inbox")
            #expect(result.status == 0, "\(result)")
            let created = Set(workspace.listing()).subtracting(before).filter { $0.hasSuffix(".jsonl") }
            #expect(created.count == 1, "expected one new reject file, found \(created.sorted())")
            let rejectFile = try #require(created.first)
            #expect(result.out.contains(workspace.path(rejectFile)) || result.out.contains(rejectFile), "the summary does not name \(rejectFile): \(result)")
            #expect(try workspace.read(rejectFile) == Self.mixedRejects())
            #expect(!rejectFile.hasPrefix("prompts/") && !rejectFile.hasPrefix("datasets/"), "rejects went into \(rejectFile)")
        }
    }

    @Test("--skip-invalid keeps bytes that are not UTF-8 exactly as they were")
    func rejectFileKeepsRawBytes() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let bad: [Data] = [
                Data(#"{"task":"sentiment","input_id":"x1","output":"caf"#.utf8) + Data([0xFF, 0xFE]) + Data(#"","created_at":"2026-06-01T12:00:00Z"}"#.utf8),
                Data([0xEF, 0xBB, 0xBF]) + Data(#"{"task":"bom"}"#.utf8),
                Data(#"{"task":"nul"#.utf8) + Data([0x00, 0x01, 0x7F]) + Data(#""}"#.utf8),
                Data(#"  {"task":"sentiment","input_id":"x4"}   "#.utf8) + Data([0x09]),
            ]
            var input = Data()
            input.append(Data(LabelLines.llm(inputID: "ok-1").utf8) + Data([0x0A]))
            for line in bad { input.append(line + Data([0x0A])) }
            input.append(Data(LabelLines.llm(inputID: "ok-2").utf8))  // no final newline
            try workspace.write("raw.jsonl", input)

            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.bin", "raw.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(2, 0, bad.count), "\(result)")
            #expect(try workspace.read("rejects.bin") == bad.reduce(Data()) { $0 + $1 + Data([0x0A]) })
        }
    }

    @Test("--skip-invalid with nothing to reject leaves no reject file")
    func skipInvalidWithoutBadLines() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.jsonl", "labels-small.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.count("rejected", in: result.out) == 0, "\(result)")
            #expect(!workspace.exists("rejects.jsonl"))
        }
    }

    @Test("a reject file that cannot be written stores nothing")
    func unwritableRejectFile() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("mixed.jsonl")
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "no/such/folder/rejects.jsonl", "mixed.jsonl"])
            #expect(result.status != 0, "\(result)")
            #expect(!result.killedBySignal, "\(result)")
            #expect(result.err.contains("no/such/folder/rejects.jsonl"), "\(result)")
            #expect(try workspace.dump() == before, "good lines were stored while their bad ones were lost")
        }
    }

    // MARK: Idempotency and conflicts

    @Test("the same records again, in any key order, time zone or line order, add nothing")
    func idempotent() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.copyFixture("labels-small-reordered.jsonl")
            let lines = try TestFiles.fixtureLines("labels-small.jsonl").count
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            let stats = try workspace.curateSucceeds(["stats", "--json"]).stdout

            for file in ["labels-small.jsonl", "labels-small-reordered.jsonl"] {
                let again = try workspace.curate(["ingest", file])
                #expect(again.status == 0, "\(again)")
                #expect(IngestSummaryText.counts(in: again.out) == .init(0, lines, 0), "\(file): \(again)")
                #expect(try workspace.curateSucceeds(["stats", "--json"]).stdout == stats, "\(file) changed the stats")
            }
        }
    }

    @Test("a record repeated within one invocation is stored once")
    func duplicatesWithinOneInvocation() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let record = LabelLines.llm(inputID: "same")
            try workspace.write("a.jsonl", LabelLines.file([record, LabelLines.llm(inputID: "other"), record]))
            try workspace.write("b.jsonl", LabelLines.file([record]))

            let result = try workspace.curate(["ingest", "a.jsonl", "b.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(2, 2, 0), "\(result)")
            #expect(try workspace.labelCount() == 2)
        }
    }

    @Test("one id with two contents in one file is a conflict, and nothing is stored")
    func conflictWithinOneFile() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "a", output: "positive", id: "rec-1"),
                LabelLines.llm(inputID: "b"),
                LabelLines.llm(inputID: "a", output: "negative", id: "rec-1"),
            ]))
            let before = try workspace.dump()

            let result = try workspace.curate(["ingest", "labels.jsonl"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix(#"curate: labels.jsonl:3: field "id""#), "\(result)")
            #expect(result.err.contains("rec-1"), "the error does not name the id: \(result)")
            #expect(try workspace.dump() == before)
        }
    }

    @Test("with --skip-invalid a conflicting record is rejected and the stored one kept")
    func conflictWithSkipInvalid() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let stored = LabelLines.llm(inputID: "a", output: "positive", id: "rec-1")
            let changed = LabelLines.llm(inputID: "a", output: "negative", id: "rec-1")
            try workspace.write("first.jsonl", LabelLines.file([stored]))
            try workspace.write("second.jsonl", LabelLines.file([changed, LabelLines.llm(inputID: "b")]))
            try workspace.curateSucceeds(["ingest", "first.jsonl"])

            let result = try workspace.curate(["ingest", "--skip-invalid", "--reject", "rejects.jsonl", "second.jsonl"])
            #expect(result.status == 0, "\(result)")
            #expect(IngestSummaryText.counts(in: result.out) == .init(1, 0, 1), "\(result)")
            #expect(try workspace.read("rejects.jsonl") == LabelLines.file([changed]))
            // The stored record is still there unchanged: ingesting it again is a pure duplicate.
            let again = try workspace.curateSucceeds(["ingest", "first.jsonl"])
            #expect(IngestSummaryText.counts(in: again.out) == .init(0, 1, 0), "\(again)")
        }
    }
}
