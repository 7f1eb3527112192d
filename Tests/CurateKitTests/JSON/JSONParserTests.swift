import Testing
@testable import CurateKit

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses every kind of value, keeping number lexemes and member order")
    func parsesValues() throws {
        let value = try JSONParser.parse(#" {"b": [1, -2.50, 3e+2, true, false, null], "a": {"x": "y"}, "s": "caf\u00e9 ☕"} "#)
        #expect(value == .object([
            ("b", .array([.number("1"), .number("-2.50"), .number("3e+2"), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("y"))])),
            ("s", .string("café ☕")),
        ]))
    }

    @Test("decodes escapes, including surrogate pairs")
    func decodesEscapes() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u0041\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\u{08}\u{0C}\n\r\tA😀"))
    }

    @Test("refuses what is not strict JSON", arguments: [
        ("{\"a\":1,}", "expected a string key in an object"),
        ("[1,]", "unexpected character, expected a value"),
        ("{\"a\":1,\"a\":2}", "duplicate key \"a\" in an object"),
        ("01", "leading zeros are not allowed in a number"),
        ("1.", "expected a digit after '.' in a number"),
        ("-", "expected a digit in a number"),
        ("1e", "expected a digit in a number's exponent"),
        ("\"\\x\"", "invalid escape '\\x' in a string"),
        ("\"\\ud800\"", "a high surrogate must be followed by a low surrogate"),
        ("\"\\udc00\"", "a lone low surrogate is not a character"),
        ("\"a\nb\"", "unescaped control character in a string"),
        ("\"abc", "unterminated string"),
        ("{} x", "unexpected text after the JSON value"),
        ("tru", "unexpected end of input in a literal"),
        ("nul!", "invalid literal, expected null"),
        ("", "unexpected end of input, expected a value"),
        ("{\"a\" 1}", "expected ':' after an object key"),
    ])
    func refusesInvalid(text: String, reason: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test("reports the byte offset of the problem")
    func reportsOffset() {
        do {
            _ = try JSONParser.parse("{\"a\": tru}")
            Issue.record("parsed invalid JSON")
        } catch {
            #expect(error.offset == 6)
        }
    }

    @Test("refuses invalid UTF-8 inside strings")
    func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParser.SyntaxError(offset: 1, reason: "invalid UTF-8 in a string")) {
            try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        }
    }

    @Test("refuses nesting deeper than the limit instead of overflowing the stack")
    func refusesDeepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("canonical form sorts keys by bytes, drops whitespace and escapes minimally")
    func canonicalForm() throws {
        let value = try JSONParser.parse(#"{ "b": 1, "a": [ "x\u0001", "é\n" ], "B": {"z": null, "y": 2.0} }"#)
        #expect(JSONWriter.canonical(value) == #"{"B":{"y":2.0,"z":null},"a":["x\u0001","é\n"],"b":1}"#)
    }

    @Test("canonical output parses back to an equal value", arguments: [
        #"{"k":[1,2,{"n":"\"quoted\" \\ back"}],"t":"tab\there"}"#,
        #"[]"#, #"{}"#, #""""#, #"-0.0e-5"#,
    ])
    func roundTrips(text: String) throws {
        let value = try JSONParser.parse(text)
        let written = JSONWriter.canonical(value)
        #expect(try JSONParser.parse(written) == value)
        #expect(JSONWriter.canonical(try JSONParser.parse(written)) == written)
    }

    @Test("pretty form indents with sorted keys and ends with a newline")
    func prettyForm() throws {
        let value = try JSONParser.parse(#"{"b":[1,{}],"a":"x"}"#)
        #expect(JSONWriter.pretty(value) == "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {}\n  ]\n}\n")
    }
}
