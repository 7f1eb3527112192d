import Foundation
import Testing

/// Every file of `Fixtures/hostile/` ingested into a fresh workspace: the exit code, a
/// fragment of what `curate` says, and, when the ingest is refused, a store file
/// byte-identical to the one before.
@Suite("Hostile input corpus")
struct HostileCorpusTests {
    /// One corpus file and what ingesting it must do.
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let status: Int32
        /// Text the output must hold: stderr when refused, stdout when accepted.
        let says: String

        var testDescription: String { file }
    }

    static func refused(_ file: String, line: Int = 1, _ message: String) -> Case {
        Case(file: file, status: 2, says: "\(file):\(line): \(message)")
    }

    static func accepted(_ file: String, lines: Int, new: Int) -> Case {
        Case(file: file, status: 0, says: "ingested \(lines) line\(lines == 1 ? "" : "s") from \(file)\n  new         \(new)\n")
    }

    /// The expected outcome of every file in the corpus, one row each.
    static let cases: [Case] = [
        accepted("empty.jsonl", lines: 0, new: 0),
        accepted("blank-lines.jsonl", lines: 0, new: 0),
        accepted("valid.jsonl", lines: 1, new: 1),
        accepted("crlf-line-ends.jsonl", lines: 2, new: 2),
        accepted("no-final-newline.jsonl", lines: 2, new: 2),
        accepted("bom-at-start.jsonl", lines: 1, new: 1),
        accepted("escaped-nul.jsonl", lines: 1, new: 1),
        accepted("huge-numbers.jsonl", lines: 1, new: 1),
        accepted("leap-second.jsonl", lines: 1, new: 1),
        refused("truncated-line.jsonl", "not valid JSON at byte 63: unterminated string"),
        refused("truncated-escape.jsonl", "not valid JSON at byte 13: unterminated unicode escape"),
        refused("trailing-comma.jsonl", "not valid JSON at byte 126: expected a string key in an object"),
        refused("trailing-garbage.jsonl", "not valid JSON at byte 127: unexpected text after the JSON value"),
        refused("cr-only-line-ends.jsonl", "not valid JSON at byte 127: unexpected text after the JSON value (after a CR: end lines with LF or CR LF, not CR alone)"),
        refused("not-an-object.jsonl", "expected a JSON object, found an array"),
        refused("bare-string.jsonl", "expected a JSON object, found a string"),
        refused("empty-object.jsonl", #"field "task": missing (it is required)"#),
        refused("missing-task.jsonl", #"field "task": missing (it is required)"#),
        refused("task-number.jsonl", #"field "task": expected a string, found a number"#),
        refused("input-id-number.jsonl", #"field "input_id": expected a string, found a number"#),
        refused("output-null.jsonl", #"field "output": is null"#),
        refused("created-at-number.jsonl", #"field "created_at": expected a string, found a number"#),
        refused("model-array.jsonl", #"field "model": expected a string, found an array"#),
        refused("prompt-string.jsonl", #"field "prompt": expected an object"#),
        refused("prompt-name-number.jsonl", #"field "prompt.name": expected a string, found a number"#),
        refused("params-array.jsonl", #"field "params": expected an object, found an array"#),
        refused("run-number.jsonl", #"field "run": expected a string, found a number"#),
        refused("origin-bool.jsonl", #"field "origin": expected a string, found a boolean"#),
        refused("id-number.jsonl", #"field "id": expected a string, found a number"#),
        refused("unknown-field.jsonl", #"field "prompt_version": not a label record field"#),
        refused("human-with-model.jsonl", #"field "model": a human label has "annotator" instead of model and prompt"#),
        refused("bad-sha256.jsonl", #"field "prompt.sha256": not a SHA-256"#),
        refused("duplicate-key.jsonl", #"not valid JSON at byte 13: duplicate key "task" in an object"#),
        refused("deep-nesting-600.jsonl", "not valid JSON at byte 549: nesting deeper than 512 levels"),
        refused("deep-nesting-unclosed.jsonl", "not valid JSON at byte 534: nesting deeper than 512 levels"),
        refused("invalid-utf8.jsonl", "not valid JSON at byte 38: invalid UTF-8 in a string"),
        refused("overlong-utf8.jsonl", "not valid JSON at byte 38: invalid UTF-8 in a string"),
        refused("lone-high-surrogate.jsonl", "not valid JSON at byte 44: a high surrogate must be followed by a low surrogate"),
        refused("lone-low-surrogate.jsonl", "not valid JSON at byte 44: a lone low surrogate is not a character"),
        refused("raw-nul.jsonl", "not valid JSON at byte 39: unescaped control character in a string"),
        refused("bom-mid-file.jsonl", line: 2, "not valid JSON at byte 1: a UTF-8 byte order mark (U+FEFF) where a value should be"),
        refused("time-year-9999.jsonl", #"field "created_at": "9999-12-31T23:59:59Z" is outside the supported times"#),
        refused("time-year-0000.jsonl", #"field "created_at": "0000-01-01T00:00:00Z" is outside the supported times"#),
        refused("time-year-1600.jsonl", #"field "created_at": "1600-02-29T00:00:00Z" is outside the supported times"#),
        refused("time-offset-out-of-range.jsonl", #"field "created_at": "1678-01-01T00:30:00+01:00" is outside the supported times"#),
        refused("time-impossible-date.jsonl", #"field "created_at": not an RFC 3339 time ("2026-02-30T00:00:00Z")"#),
        refused("leap-second-wrong-minute.jsonl", #"field "created_at": not an RFC 3339 time ("2016-12-31T12:00:60Z")"#),
        refused("prompt-name-parent.jsonl", #"field "prompt.name": contains '/'"#),
        refused("prompt-name-dotdot.jsonl", #"field "prompt.name": ".." is not a name"#),
        refused("prompt-version-dot.jsonl", #"field "prompt.version": "." is not a name"#),
        refused("prompt-name-backslash.jsonl", #"field "prompt.name": contains '\'"#),
        refused("prompt-name-control.jsonl", #"field "prompt.name": contains a control character (U+0001)"#),
        refused("prompt-name-empty.jsonl", #"field "prompt.name": is empty"#),
        refused("conflicting-id.jsonl", line: 2, #"field "id": record "r1" is already stored with different content"#),
    ]

    static let folder = TestFiles.folder.appendingPathComponent("Fixtures/hostile")

    @Test("every corpus file has a row, and every row a file")
    func tableCoversCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(files == Self.cases.map(\.file).sorted())
        #expect(files.count >= 30)
    }

    @Test("ingesting each file gives its exit code and message; a refused one leaves the store byte-identical", arguments: cases)
    func ingest(_ expected: Case) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write(expected.file, Data(contentsOf: Self.folder.appendingPathComponent(expected.file)))
            let before = try workspace.read(TempWorkspace.store)
            let result = try workspace.curate(["ingest", expected.file])
            #expect(result.status == expected.status && !result.killedBySignal, "\(result)")
            #expect((expected.status == 0 ? result.out : result.err).contains(expected.says), "\(result)")
            if expected.status != 0 {
                #expect(try workspace.read(TempWorkspace.store) == before, "a refused ingest changed the store file")
            }
        }
    }
}
