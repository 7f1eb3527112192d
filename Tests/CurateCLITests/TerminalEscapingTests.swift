import Foundation
import Testing

/// Values from the store, a manifest or the command line never put a control or bidi
/// character on the terminal: every human-readable output shows them escaped, and
/// `--json` keeps them exact.
@Suite("terminal escaping of data in human-readable output")
struct TerminalEscapingTests {
    static let task = "sent\u{1B}[31mred"
    static let model = "model\u{1B}]8;;https://evil.example/\u{07}click\u{1B}]8;;\u{07}"
    static let inputID = "in\u{202E}txt.exe"
    static let output = "pos\u{07}\r\u{1B}[2Kitive\u{9B}"
    static let run = "run\u{2066}1"
    static let reason = "bad\u{1B}[5m\u{200F}reason"

    /// Two labels of the hostile task: one from the hostile model and run.
    static func labels() throws -> Data {
        let records: [[String: Any]] = [
            [
                "task": task, "input_id": inputID, "output": output, "created_at": "2026-06-01T12:00:00Z",
                "model": model, "prompt": ["name": "p", "version": "v1", "text": "Label it."], "run": run,
            ],
            [
                "task": task, "input_id": "plain", "output": "negative", "created_at": "2026-06-01T12:00:01Z",
                "model": "m", "prompt": ["name": "p", "version": "v1", "text": "Label it."],
            ],
        ]
        var data = Data()
        for record in records {
            data += try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            data.append(0x0A)
        }
        return data
    }

    /// The characters of `text` a terminal would act on or that reorder text: controls
    /// (but the line feed), format characters and line/paragraph separators.
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            guard scalar != "\n" else { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Expects neither stream of `result` to hold a raw control or bidi character.
    static func expectClean(_ result: ProcessOutput, _ command: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(raw(result.out).isEmpty && raw(result.err).isEmpty, "\(command): \(raw(result.out + result.err)) in\n\(result)", sourceLocation: sourceLocation)
    }

    @Test("stats, prompts, flags, flag, unflag, ingest, export, verify, diff and errors escape every value")
    func humanReadable() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", try Self.labels())
            var outputs: [(String, ProcessOutput)] = []
            func run(_ arguments: [String], status: Int32 = 0) throws {
                let result = try workspace.curate(arguments, environment: ["COLUMNS": "500"])  // no cell cut short
                #expect(result.status == status && !result.killedBySignal, "\(arguments): \(result)")
                outputs.append((arguments.joined(separator: " "), result))
            }
            try run(["ingest", "labels.jsonl"])
            try run(["stats"])
            try run(["prompts"])
            try run(["export", "all"])
            try run(["flag", "run", Self.run, "--reason", Self.reason])
            try run(["flags"])
            try run(["export", "kept", "--dry-run"])
            try run(["export", "kept"])
            try run(["verify", "kept"])
            try run(["diff", "all", "kept"], status: 1)
            try run(["unflag", "run", Self.run])
            try run(["export", "x", "--task", "no\u{1B}[1mtask"], status: 2)
            try run(["diff", "all", "no\u{1B}]8;;x\u{07}such"], status: 2)
            for (command, result) in outputs { Self.expectClean(result, command) }

            let stats = try #require(outputs.first { $0.0 == "stats" }?.1.out)
            #expect(stats.contains("sent\\x1b[31mred") && stats.contains("model\\x1b]8;;https://evil.example/\\x07click\\x1b]8;;\\x07"), "\(stats)")
            let flags = try #require(outputs.first { $0.0 == "flags" }?.1.out)
            #expect(flags.contains("run\\u{2066}1") && flags.contains("bad\\x1b[5m\\u{200F}reason"), "\(flags)")
            let diff = try #require(outputs.first { $0.0 == "diff all kept" }?.1.out)
            #expect(diff.contains("in\\u{202E}txt.exe") && diff.contains("pos\\x07 \\x1b[2Kitive\\x9b"), "\(diff)")
        }
    }

    @Test("--json keeps every value exact")
    func json() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", try Self.labels())
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "all"])
            try workspace.curateSucceeds(["flag", "run", Self.run, "--reason", Self.reason])
            try workspace.curateSucceeds(["export", "kept"])

            let stats = try workspace.statsJSON()
            #expect(Set(stats.compactMap { $0["task"] as? String }) == [Self.task])
            #expect(stats.contains { $0["model"] as? String == Self.model }, "\(stats)")
            let flags = try JSONSerialization.jsonObject(with: workspace.curateSucceeds(["flags", "--json"]).stdout) as? [[String: Any]]
            #expect(flags?.first?["target"] as? String == Self.run && flags?.first?["reason"] as? String == Self.reason, "\(String(describing: flags))")
            let diff = try workspace.curate(["diff", "all", "kept", "--json"])
            #expect(diff.status == 1, "\(diff)")
            let object = try #require(try JSONSerialization.jsonObject(with: diff.stdout) as? [String: Any])
            let examples = try #require((object["records"] as? [String: Any])?["examples"] as? [[String: Any]])
            let removed = try #require(examples.first { $0["input_id"] as? String == Self.inputID }, "\(examples)")
            let labels = try #require(removed["before"] as? [[String: Any]])
            #expect(labels.first?["output"] as? String == Self.output, "\(labels)")
        }
    }
}
