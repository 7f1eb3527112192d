import Testing
@testable import CurateKit

@Suite("Recent field values")
struct RecentValuesTests {
    static func lookUp(_ recent: RecentValues<Int>, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBytes { recent.value(for: $0) }
    }

    static func remember(_ value: Int, for text: String, in recent: inout RecentValues<Int>) {
        Array(text.utf8).withUnsafeBytes { recent.remember(value, for: $0) }
    }

    @Test("finds a value by the exact bytes it was made from, and only by them")
    func exactBytes() {
        var recent = RecentValues<Int>()
        Self.remember(1, for: "model-a", in: &recent)
        Self.remember(2, for: "model-b", in: &recent)
        Self.remember(3, for: "", in: &recent)
        #expect(Self.lookUp(recent, "model-a") == 1)
        #expect(Self.lookUp(recent, "model-b") == 2)
        #expect(Self.lookUp(recent, "") == 3)
        #expect(Self.lookUp(recent, "model-c") == nil)  // same length, other bytes
        #expect(Self.lookUp(recent, "model-aa") == nil)
    }

    @Test("finds a value whose bytes begin the given ones, with their length")
    func prefix() {
        var recent = RecentValues<Int>()
        Self.remember(1, for: "12", in: &recent)
        let found = Array("123,".utf8).withUnsafeBytes { recent.value(prefixing: $0) }
        #expect(found?.length == 2)
        #expect(found?.value == 1)
        #expect(Array("1".utf8).withUnsafeBytes { recent.value(prefixing: $0) } == nil)
    }

    @Test("keeps at most its limit, forgetting the oldest first")
    func boundedOldestFirst() {
        var recent = RecentValues<Int>(limit: 3)
        for value in 0..<5 { Self.remember(value, for: "v\(value)", in: &recent) }
        #expect((0..<5).map { Self.lookUp(recent, "v\($0)") } == [nil, nil, 2, 3, 4])
    }

    @Test("records parsed by one parser, many prompts and models among them, equal records parsed alone")
    func parserReuseMatchesFreshParses() throws {
        let lines = (0..<60).map { index in
            RecordParserTests.line([
                "input_id": "\"rev-\(index)\"",
                "model": "\"model-\(index % 7)\"",
                "run": index % 5 == 0 ? nil : "\"run-\(index % 3)\"",
                "params": "{\"temperature\":\(index % 4)}",
                "prompt": index % 9 == 0
                    ? "{\"name\":\"p\(index % 20)\",\"version\":\"v1\",\"text\":\"Say \(index % 20)\"}"
                    : "{\"name\":\"p\(index % 20)\",\"version\":\"v\(index % 3)\",\"sha256\":\"\(String(repeating: String(index % 16, radix: 16), count: 64))\"}",
            ])
        }
        var reused = RecordParser()
        for line in lines {
            let record = try Array(line.utf8).withUnsafeBytes { try reused.parse($0) }
            #expect(record == (try RecordParser.parse(line)), "\(line)")
        }
    }

    @Test("a repeating member is copied from a recent record only when its text is that whole value again")
    func repeatsOnlyWholeValues() {
        let lines = [
            RecordParserTests.line(["params": #"{"b":2,"a":1}"#, "run": #""r1""#]),
            RecordParserTests.line(["params": #"{"b":2,"a":1}  "#, "run": #""r1" "#]),  // the same values, then whitespace
            RecordParserTests.line(["params": #"{"b":2,"a":1}x"#]),                       // then text that is not JSON
            RecordParserTests.line(["params": "1"]),                                      // a number, not an object
            RecordParserTests.line(["params": "12"]),                                     // a number that starts with it
            RecordParserTests.line(["run": #""r1""r2""#]),
        ]
        var reused = RecordParser()
        for line in lines {
            let alone = Result { () throws(RecordProblem) -> LabelRecord in try RecordParser.parse(line) }
            let again = Array(line.utf8).withUnsafeBytes { bytes in
                Result { () throws(RecordProblem) -> LabelRecord in try reused.parse(bytes) }
            }
            #expect(again == alone, "\(line)")
        }
    }
}
