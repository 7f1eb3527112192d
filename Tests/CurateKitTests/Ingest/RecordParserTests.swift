import Testing
@testable import CurateKit

@Suite("Label record validation")
struct RecordParserTests {
    /// A valid LLM record with `overrides` applied (`nil` removes a field), as one JSONL line.
    static func line(_ overrides: [String: String?] = [:]) -> String {
        var fields: [String: String] = [
            "task": #""sentiment""#,
            "input_id": #""rev-1""#,
            "output": #""positive""#,
            "created_at": #""2026-06-01T12:00:00Z""#,
            "model": #""claude-sonnet-4-5-20250929""#,
            "prompt": #"{"name":"sentiment","version":"v1","sha256":"\#(String(repeating: "ab", count: 32))"}"#,
        ]
        for (key, value) in overrides { fields[key] = value }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static func problem(_ line: String) -> RecordProblem? {
        do {
            _ = try RecordParser.parse(line)
            return nil
        } catch {
            return error
        }
    }

    @Test("accepts a complete LLM record")
    func acceptsLLMRecord() throws {
        let record = try RecordParser.parse(Self.line([
            "input": #"{"text":"great"}"#, "params": #"{"temperature":0}"#, "run": #""run-1""#,
            "meta": #"{"latency_ms":12}"#, "origin": #""llm""#,
        ]))
        #expect(record.task == "sentiment")
        #expect(record.inputID == "rev-1")
        #expect(record.output == #""positive""#)
        #expect(record.input == #"{"text":"great"}"#)
        #expect(record.params == #"{"temperature":0}"#)
        #expect(record.run == "run-1")
        #expect(record.meta == #"{"latency_ms":12}"#)
        #expect(record.createdAt.rfc3339 == "2026-06-01T12:00:00Z")
        let prompt = PromptRef(name: "sentiment", version: "v1", sha256: String(repeating: "ab", count: 32))
        #expect(record.producer == .llm(model: "claude-sonnet-4-5-20250929", prompt: prompt, promptText: nil, hashStatus: .recorded))
    }

    @Test("accepts a human record with an annotator and no model or prompt")
    func acceptsHumanRecord() throws {
        let record = try RecordParser.parse(Self.line([
            "origin": #""human""#, "annotator": #""ann-1""#, "model": nil, "prompt": nil,
        ]))
        #expect(record.producer == .human(annotator: "ann-1"))
        #expect(record.origin == .human)
    }

    @Test("names the field and the fix for each bad value", arguments: [
        (["task": nil], RecordProblem.missingField("task")),
        (["task": "3"], .wrongType(field: "task", expected: "a string", found: "a number")),
        (["task": #""""#], .invalidValue(field: "task", reason: "is empty")),
        (["input_id": nil], .missingField("input_id")),
        (["input_id": "42"], .wrongType(field: "input_id", expected: "a string", found: "a number")),
        (["output": nil], .missingField("output")),
        (["output": "null"], .invalidValue(field: "output", reason: "is null; a label needs a value")),
        (["created_at": nil], .missingField("created_at")),
        (["created_at": #""yesterday""#], .invalidValue(field: "created_at", reason: #"not an RFC 3339 time ("yesterday")"#)),
        (["created_at": "1717243200"], .wrongType(field: "created_at", expected: "a string", found: "a number")),
        (["model": nil], .missingField("model")),
        (["model": "true"], .wrongType(field: "model", expected: "a string", found: "a boolean")),
        (["prompt": nil], .missingField("prompt")),
        (["prompt": #""v1""#], .wrongType(field: "prompt", expected: #"an object {"name","version","sha256"?,"text"?}"#, found: "a string")),
        (["prompt": #"{"version":"v1"}"#], .missingField("prompt.name")),
        (["prompt": #"{"name":"s"}"#], .missingField("prompt.version")),
        (["prompt": #"{"name":"s","version":1}"#], .wrongType(field: "prompt.version", expected: "a string", found: "a number")),
        (["prompt": #"{"name":"s","version":"v1","sha256":"abc"}"#], .invalidValue(field: "prompt.sha256", reason: #"not a SHA-256 (64 hex digits): "abc""#)),
        (["prompt": #"{"name":"s","version":"v1","hash":"x"}"#], .invalidValue(field: "prompt.hash", reason: "not a prompt field (use name, version, sha256, text)")),
        (["params": "[1]"], .wrongType(field: "params", expected: "an object", found: "an array")),
        (["run": "7"], .wrongType(field: "run", expected: "a string", found: "a number")),
        (["origin": #""robot""#], .invalidValue(field: "origin", reason: #"must be "llm" or "human", not "robot""#)),
        (["annotator": #""ann-1""#], .invalidValue(field: "annotator", reason: #"only a human label has an annotator (set "origin": "human")"#)),
        (["id": "{}"], .wrongType(field: "id", expected: "a string", found: "an object")),
        (["prompt_version": #""v1""#], .unknownField("prompt_version")),
    ] as [([String: String?], RecordProblem)])
    func refusesBadField(overrides: [String: String?], expected: RecordProblem) {
        #expect(Self.problem(Self.line(overrides)) == expected)
    }

    @Test("human labels must have an annotator and no model or prompt")
    func humanRules() {
        #expect(Self.problem(Self.line(["origin": #""human""#, "model": nil, "prompt": nil])) == .missingField("annotator"))
        #expect(Self.problem(Self.line(["origin": #""human""#, "annotator": #""a""#, "prompt": nil]))
            == .invalidValue(field: "model", reason: #"a human label has "annotator" instead of model and prompt"#))
    }

    @Test("refuses lines that are not a JSON object")
    func refusesNonObjects() {
        #expect(Self.problem("[1,2]") == .notAnObject(found: "an array"))
        #expect(Self.problem(#"{"task": }"#) == .notJSON(offset: 9, reason: "unexpected character, expected a value"))
    }

    @Test("a prompt given as text gets the hash of its text with CRLF turned to LF")
    func hashesPromptText() throws {
        let lf = try RecordParser.parse(Self.line(["prompt": #"{"name":"s","version":"v1","text":"Say:\n{{input}}\n"}"#]))
        let crlf = try RecordParser.parse(Self.line(["prompt": #"{"name":"s","version":"v1","text":"Say:\r\n{{input}}\r\n"}"#]))
        let expected = SHA256Hex.digest(of: Array("Say:\n{{input}}\n".utf8))
        guard case .llm(_, let prompt, let text, let status) = lf.producer else { Issue.record("not an LLM label"); return }
        #expect(prompt.sha256 == expected)
        #expect(text == "Say:\n{{input}}\n")
        #expect(status == .recorded)
        guard case .llm(_, let crlfPrompt, _, _) = crlf.producer else { Issue.record("not an LLM label"); return }
        #expect(crlfPrompt.sha256 == expected)
    }

    @Test("a prompt text and a sha256 that disagree are refused")
    func refusesMismatchedHash() {
        let problem = Self.problem(Self.line(["prompt": #"{"name":"s","version":"v1","text":"x","sha256":"\#(String(repeating: "0", count: 64))"}"#]))
        guard case .invalidValue(let field, _) = problem else { Issue.record("accepted \(String(describing: problem))"); return }
        #expect(field == "prompt.sha256")
    }

    @Test("a prompt with neither hash nor text is stored as unknown")
    func unknownHash() throws {
        let record = try RecordParser.parse(Self.line(["prompt": #"{"name":"s","version":"v1"}"#]))
        #expect(record.producer == .llm(model: "claude-sonnet-4-5-20250929", prompt: PromptRef(name: "s", version: "v1", sha256: nil), promptText: nil, hashStatus: .unknown))
    }

    @Test("an uppercase sha256 is stored in lowercase")
    func lowercasesHash() throws {
        let upper = String(repeating: "AB", count: 32)
        let record = try RecordParser.parse(Self.line(["prompt": #"{"name":"s","version":"v1","sha256":"\#(upper)"}"#]))
        guard case .llm(_, let prompt, _, _) = record.producer else { Issue.record("not an LLM label"); return }
        #expect(prompt.sha256 == upper.lowercased())
    }
}

@Suite("Record ids")
struct RecordIdentityTests {
    @Test("the id is the SHA-256 of the canonical content")
    func contentHashID() throws {
        let record = try RecordParser.parse(RecordParserTests.line())
        let canonical = String(decoding: RecordIdentity.canonicalContent(of: record), as: UTF8.self)
        #expect(canonical == #"{"created_at":"2026-06-01T12:00:00Z","input_id":"rev-1","model":"claude-sonnet-4-5-20250929","origin":"llm","output":"positive","prompt":{"name":"sentiment","sha256":"\#(String(repeating: "ab", count: 32))","version":"v1"},"task":"sentiment"}"#)
        #expect(record.id == SHA256Hex.digest(of: Array(canonical.utf8)))
        #expect(record.id.count == 64)
    }

    @Test("key order, time zone and an explicit default origin do not change the id")
    func normalizedID() throws {
        let a = try RecordParser.parse(#"{"task":"t","input_id":"i","output":{"b":1,"a":2},"created_at":"2026-06-01T12:00:00Z","model":"m","prompt":{"name":"p","version":"v"}}"#)
        let b = try RecordParser.parse(#"{"prompt":{"version":"v","name":"p"},"origin":"llm","model":"m","created_at":"2026-06-01T14:00:00+02:00","output":{"a":2,"b":1},"input_id":"i","task":"t"}"#)
        #expect(a.id == b.id)
        #expect(a.contentDigest == b.contentDigest)
    }

    @Test("a prompt sent as text has the id of the same prompt sent as its hash")
    func textAndHashSameID() throws {
        let text = "Classify: {{input}}"
        let byText = try RecordParser.parse(RecordParserTests.line(["prompt": #"{"name":"s","version":"v1","text":"\#(text)"}"#]))
        let byHash = try RecordParser.parse(RecordParserTests.line(["prompt": #"{"name":"s","version":"v1","sha256":"\#(PromptHash.of(text))"}"#]))
        #expect(byText.id == byHash.id)
    }

    @Test("any change of content changes the id", arguments: [
        ["output": #""negative""#], ["input_id": #""rev-2""#], ["created_at": #""2026-06-01T12:00:01Z""#],
        ["model": #""other""#], ["run": #""r""#], ["meta": #"{"a":1}"#], ["params": #"{"seed":1}"#], ["input": #""x""#],
        ["prompt": #"{"name":"sentiment","version":"v2","sha256":"\#(String(repeating: "ab", count: 32))"}"#],
    ] as [[String: String?]])
    func contentChangesID(overrides: [String: String?]) throws {
        let base = try RecordParser.parse(RecordParserTests.line())
        let changed = try RecordParser.parse(RecordParserTests.line(overrides))
        #expect(base.id != changed.id)
    }

    @Test("a caller id is kept, and the content digest still tells contents apart")
    func callerID() throws {
        let a = try RecordParser.parse(RecordParserTests.line(["id": #""req-1""#]))
        let b = try RecordParser.parse(RecordParserTests.line(["id": #""req-1""#, "output": #""negative""#]))
        #expect(a.id == "req-1")
        #expect(b.id == "req-1")
        #expect(a.contentDigest != b.contentDigest)
    }
}
