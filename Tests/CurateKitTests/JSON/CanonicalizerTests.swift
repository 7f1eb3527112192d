import Testing
@testable import CurateKit

@Suite("Canonicalizing without a tree")
struct CanonicalizerTests {
    static func canonicalMember(_ valueText: String) throws -> String? {
        var line = #"{"v":"# + valueText + "}"
        let members = try line.withUTF8 { try JSONParser.canonicalMembers(of: UnsafeRawBufferPointer($0)) }
        guard case .json(let text, _)? = members?.first?.value else { return nil }
        return text
    }

    @Test("gives the same bytes as the tree parser and canonical writer", arguments: [
        #"{"b":1,"a":{"d":[true,null],"c":"x"}}"#,
        #"{ "z" : 1 , "y" : [ 1 , 2 ] }"#,
        #"{"k\n":1,"k!":2,"k\"":3,"k\u0001":4}"#,
        #"{"é":1,"e":2,"\u00e9x":3}"#,
        #"[{"b":2,"a":1},{"a":"\/\u0041\ud83d\ude00"}]"#,
        #"{"latency_ms":691,"input_tokens":63,"output_tokens":2}"#,
        #"-12.5e-3"#, #"true"#, #"{}"#, #"[]"#,
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

    @Test("string members come back decoded, other members with their JSON type")
    func memberKinds() throws {
        var line = #"{"s":"a\tb","n":7,"o":{"x":1}}"#
        let members = try #require(try line.withUTF8 { try JSONParser.canonicalMembers(of: UnsafeRawBufferPointer($0)) })
        #expect(members.map(\.key) == ["s", "n", "o"])
        guard case .string(let text) = members[0].value, case .json(_, let numberType) = members[1].value,
              case .json(_, let objectType) = members[2].value else {
            Issue.record("unexpected member kinds")
            return
        }
        #expect(text == "a\tb")
        #expect(numberType == "a number")
        #expect(objectType == "an object")
    }
}
