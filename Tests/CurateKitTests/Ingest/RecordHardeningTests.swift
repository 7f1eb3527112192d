import Testing
@testable import CurateKit

/// Record values that reach outside the record: times the store cannot hold, prompt names
/// that would leave `prompts/`, byte order marks and CR-only line ends.
@Suite("Hostile record values")
struct RecordHardeningTests {
    static func problem(_ line: String) -> RecordProblem? {
        RecordParserTests.problem(line)
    }

    @Test("a created_at outside the supported times is a problem of the field, with the range")
    func outOfRangeTime() throws {
        let problem = try #require(Self.problem(RecordParserTests.line(["created_at": #""9999-12-31T23:59:59Z""#])))
        guard case .invalidValue(let field, let reason) = problem else { Issue.record("\(problem)"); return }
        #expect(field == "created_at")
        #expect(reason.contains("outside the supported times"))
        #expect(reason.contains("1678-01-01T00:00:00Z … 2261-12-31T23:59:59.999999999Z"))
    }

    @Test("a prompt name or version must be one path segment", arguments: [
        (#"{"name":"../..","version":"v1"}"#, "prompt.name"),
        (#"{"name":"..","version":"v1"}"#, "prompt.name"),
        (#"{"name":".","version":"v1"}"#, "prompt.name"),
        (#"{"name":"a/b","version":"v1"}"#, "prompt.name"),
        (#"{"name":"a\\b","version":"v1"}"#, "prompt.name"),
        (#"{"name":"a\u0000b","version":"v1"}"#, "prompt.name"),
        (#"{"name":"a\tb","version":"v1"}"#, "prompt.name"),
        (#"{"name":"a\u007fb","version":"v1"}"#, "prompt.name"),
        (#"{"name":"p","version":"../v1"}"#, "prompt.version"),
        (#"{"name":"p","version":".."}"#, "prompt.version"),
    ])
    func promptPathSegment(prompt: String, field: String) throws {
        let problem = try #require(Self.problem(RecordParserTests.line(["prompt": prompt])))
        guard case .invalidValue(let named, _) = problem else { Issue.record("\(problem)"); return }
        #expect(named == field)
    }

    @Test("prompt names with dots, spaces and other scripts are still names", arguments: ["v1.2", "...", ".hidden", "a b", "ünïcode", "名前"])
    func ordinaryNames(name: String) throws {
        let record = try RecordParser.parse(RecordParserTests.line(["prompt": #"{"name":"\#(name)","version":"\#(name)"}"#]))
        guard case .llm(_, let prompt, _, _) = record.producer else { Issue.record("not an LLM record"); return }
        #expect(prompt.name == name)
        #expect(prompt.version == name)
    }

    @Test("a byte order mark inside a file is named as one")
    func byteOrderMarkInside() throws {
        let problem = try #require(Self.problem("\u{FEFF}" + RecordParserTests.line()))
        #expect(problem.description.contains("byte order mark"))
    }

    @Test("records separated by CR alone are told apart from other trailing text")
    func carriageReturnOnly() throws {
        let line = RecordParserTests.line()
        #expect(try #require(Self.problem(line + "\r" + line)).description.contains("CR alone"))
        #expect(try #require(Self.problem(line + " x")).description.contains("CR") == false)
    }
}
