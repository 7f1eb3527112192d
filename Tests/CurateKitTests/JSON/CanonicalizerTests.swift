import Testing
@testable import CurateKit

@Suite("Canonicalizing without a tree")
struct CanonicalizerTests {
    /// Two member names for reading test objects.
    enum TestName: Int, MemberName {
        case s, v

        var key: String { self == .s ? "s" : "v" }
        static let errorPrefix = "test."
    }

    static func read(_ line: String) throws(JSONParser.SyntaxError) -> CanonicalMembers<TestName> {
        var members = CanonicalMembers<TestName>()
        var copy = line
        let result = copy.withUTF8 { buffer in
            Result { () throws(JSONParser.SyntaxError) in
                var parser = JSONParser(UnsafeRawBufferPointer(buffer))
                try members.read(from: &parser)
            }
        }
        try result.get()
        return members
    }

    static func canonicalMember(_ valueText: String) throws -> String? {
        try read(#"{"v":"# + valueText + "}").json(.v)
    }

    @Test("gives the same bytes as the tree parser and canonical writer", arguments: [
        #"{"b":1,"a":{"d":[true,null],"c":"x"}}"#,
        #"{ "z" : 1 , "y" : [ 1 , 2 ] }"#,
        #"{"k\n":1,"k!":2,"k\"":3,"k\u0001":4}"#,
        #"{"é":1,"e":2,"\u00e9x":3}"#,
        #"[{"b":2,"a":1},{"a":"\/\u0041\ud83d\ude00"}]"#,
        #"{"latency_ms":691,"input_tokens":63,"output_tokens":2}"#,
        #"-12.5e-3"#, #"true"#, #"{}"#, #"[]"#, #""a\u0009b\/c""#,
    ])
    func matchesTreeCanonicalForm(valueText: String) throws {
        let expected = JSONWriter.canonical(try JSONParser.parse(valueText))
        #expect(try Self.canonicalMember(valueText) == expected)
    }

    @Test("refuses duplicate keys at any depth, sorted or not", arguments: [
        #"{"a":1,"a":2}"#, #"{"b":1,"a":2,"b":3}"#, #"[{"x":{"q":1,"q":1}}]"#,
    ])
    func refusesDuplicates(valueText: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try Self.canonicalMember(valueText) }
    }

    @Test("refuses a member given twice, known or not, also when spelled with escapes", arguments: [
        #"{"v":1,"v":2}"#, #"{"v":1,"\u0076":2}"#, #"{"x":1,"x":2}"#,
    ])
    func refusesDuplicateMembers(line: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try Self.read(line) }
    }

    @Test("string members come back decoded, other members with their JSON type")
    func memberKinds() throws {
        let members = try Self.read(#"{"s":"a\tb","v":{"x":1}}"#)
        #expect(members.string(.s) == "a\tb")
        #expect(members.json(.s) == #""a\tb""#)
        #expect(members.type(.v) == "an object")
        #expect(members.string(.v) == nil)
        #expect(try Self.read(#"{"v":7}"#).type(.v) == "a number")
        #expect(try Self.read(#"{"v":null}"#).isNull(.v))
        #expect(try Self.read(#"{"s":""}"#).has(.v) == false)
    }

    @Test("names the first member it does not know, in input order")
    func firstUnknownKey() throws {
        let members = try Self.read(#"{"s":"x","z\u0021":1,"a":2}"#)
        #expect(members.firstUnknownKey == "z!")
        #expect(try Self.read(#"{"s":"x"}"#).firstUnknownKey == nil)
    }

    @Test("a reused reader forgets the previous object")
    func reuse() throws {
        var members = CanonicalMembers<TestName>()
        for line in [#"{"s":"one","q":1}"#, #"{"v":2}"#] {
            var copy = line
            try copy.withUTF8 { buffer in
                var parser = JSONParser(UnsafeRawBufferPointer(buffer))
                try members.read(from: &parser)
            }
        }
        #expect(members.has(.s) == false)
        #expect(members.firstUnknownKey == nil)
        #expect(members.json(.v) == "2")
    }
}
