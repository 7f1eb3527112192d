import Foundation
import Testing
@testable import CurateKit

@Suite("Label schemas: reading the JSON Schema subset and checking outputs")
struct LabelSchemaTests {
    static let path = "prompts/t/schema.json"
    static let sentiment = #"{"enum": ["positive", "negative", "neutral"]}"#
    static let vocabulary = """
        {"type": "object", "additionalProperties": false, "required": ["word", "sentence", "level"],
         "properties": {"word": {"type": "string", "minLength": 1}, "sentence": {"type": "string", "maxLength": 40},
                        "level": {"enum": ["A1", "A2", "B1", "B2", "C1", "C2"]}, "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}}
        """
    static let score = #"{"type": ["integer", "null"], "minimum": 1, "maximum": 5}"#

    static func schema(_ json: String) throws -> LabelSchema {
        try LabelSchema(json: json, path: path)
    }

    /// The violation of output `json` (nil: allowed), through both entry points, which must agree.
    static func check(_ schema: String, _ json: String) throws -> SchemaViolation? {
        let schema = try Self.schema(schema)
        let canonical = JSONWriter.canonical(try JSONParser.parse(json))
        let viaValue = schema.violation(of: try JSONParser.parse(json), at: "output")
        #expect(schema.violation(ofCanonical: canonical, at: "output") == viaValue, "the canonical fast path and the tree disagree on \(json)")
        return viaValue
    }

    @Test("allowed outputs pass", arguments: [
        (sentiment, #""positive""#), (sentiment, #""neutral""#),
        (vocabulary, #"{"word": "cat", "sentence": "The cat sat.", "level": "A1"}"#),
        (vocabulary, #"{"level": "C2", "sentence": "", "word": "é", "tags": ["animal", "noun"]}"#),
        (score, "3"), (score, "3.0"), (score, "5"), (score, "null"), (score, "1e0"),
        (#"{"enum": [1, 2.5, true, null]}"#, "1.0"), (#"{"enum": [1, 2.5, true, null]}"#, "2.50"),
        ("{}", #"{"anything": [1, "goes"]}"#),
        (#"{"type": "string", "minLength": 2}"#, #""ab""#), (#"{"minLength": 2}"#, "7"),
        (#"{"type": "array", "minItems": 1, "items": {"enum": ["x", "y"]}}"#, #"["y", "x", "y"]"#),
    ])
    func allowed(schema: String, output: String) throws {
        #expect(try Self.check(schema, output) == nil)
    }

    @Test("refused outputs name the path and what was expected", arguments: [
        (sentiment, #""Positive""#, "output", #""Positive" is not one of "positive", "negative", "neutral"; did you mean "positive"?"#),
        (sentiment, #""negativ""#, "output", #""negativ" is not one of "positive", "negative", "neutral"; did you mean "negative"?"#),
        (sentiment, #""great""#, "output", #""great" is not one of "positive", "negative", "neutral""#),
        (sentiment, #"["positive"]"#, "output", #"["positive"] is not one of "positive", "negative", "neutral""#),
        (vocabulary, #""cat""#, "output", #"expected an object, found "cat""#),
        (vocabulary, #"{"word": "cat", "sentence": "s", "level": "a1"}"#, "output.level",
         #""a1" is not one of "A1", "A2", "B1", "B2", "C1", "C2"; did you mean "A1"?"#),
        (vocabulary, #"{"word": "cat", "sentence": "s"}"#, "output.level", "missing (the schema requires it)"),
        (vocabulary, #"{"word": "cat", "sentence": "s", "levle": "A1"}"#, "output.levle",
         #"not allowed (additionalProperties is false; the members are "word", "sentence", "level", "tags"); did you mean "level"?"#),
        (vocabulary, #"{"word": "", "sentence": "s", "level": "A1"}"#, "output.word", #""" is 0 characters long, shorter than minLength 1"#),
        (vocabulary, #"{"word": "w", "sentence": "s", "level": "A1", "tags": ["a", 2]}"#, "output.tags[1]", "expected a string, found 2"),
        (vocabulary, #"{"word": "w", "sentence": "s", "level": "A1", "tags": ["a", "b", "c"]}"#, "output.tags", "has 3 items, more than maxItems 2"),
        (score, "0", "output", "0 is less than the minimum 1"),
        (score, "5.5", "output", "expected an integer or null, found 5.5"),
        (score, "6", "output", "6 is more than the maximum 5"),
        (score, #""3""#, "output", #"expected an integer or null, found "3""#),
        (#"{"type": "object", "additionalProperties": false}"#, #"{"a b": 1}"#, #"output["a b"]"#,
         "not allowed (additionalProperties is false; it declares no members)"),
    ])
    func refused(schema: String, output: String, path: String, message: String) throws {
        let violation = try #require(try Self.check(schema, output))
        #expect(violation.path == path)
        #expect(violation.description == message)
    }

    @Test("an enum of strings gives its class labels in the schema's order; other schemas give none")
    func classLabels() throws {
        #expect(try Self.schema(Self.sentiment).classLabels == ["positive", "negative", "neutral"])
        #expect(try Self.schema(#"{"type": "string", "enum": ["b", "a"]}"#).classLabels == ["b", "a"])
        #expect(try Self.schema(#"{"enum": ["a", null]}"#).classLabels == nil)
        #expect(try Self.schema(Self.vocabulary).classLabels == nil)
        #expect(try Self.schema("{}").classLabels == nil)
    }

    @Test("a schema that is not in the subset is an error naming the file, the place and the keyword", arguments: [
        (#"{"enum": ["a"], "pattern": "^a$"}"#, SchemaError.unsupportedKeyword(path: path, pointer: "", keyword: "pattern")),
        (#"{"properties": {"level": {"oneOf": []}}}"#, .unsupportedKeyword(path: path, pointer: "/properties/level", keyword: "oneOf")),
        (#"{"items": {"const": 1}}"#, .unsupportedKeyword(path: path, pointer: "/items", keyword: "const")),
        (#"{"properties": {"a/b": true}}"#, .notASchema(path: path, pointer: "/properties/a~1b", found: "a boolean")),
        (#"["positive", "negative"]"#, .notASchema(path: path, pointer: "", found: "an array")),
        (#"{"enum": []}"#, .invalidKeyword(path: path, pointer: "", keyword: "enum", reason: "must be a non-empty array of the allowed values")),
        (#"{"enum": ["a", "b", "a"]}"#, .invalidKeyword(path: path, pointer: "", keyword: "enum", reason: #"lists "a" twice"#)),
        (#"{"enum": [1, 1.0]}"#, .invalidKeyword(path: path, pointer: "", keyword: "enum", reason: "lists 1.0 twice")),
        (#"{"type": "text"}"#, .invalidKeyword(path: path, pointer: "", keyword: "type",
            reason: #""text" is not one of "string", "number", "integer", "boolean", "object", "array", "null""#)),
        (#"{"type": "string", "enum": ["a", 1]}"#, .invalidKeyword(path: path, pointer: "", keyword: "enum",
            reason: "lists 1, which the schema's other keywords refuse (expected a string, found 1)")),
        (#"{"required": ["word"]}"#, .invalidKeyword(path: path, pointer: "", keyword: "required",
            reason: #"names "word", which "properties" does not declare (declare it, with {} for any value)"#)),
        (#"{"additionalProperties": {"type": "string"}}"#, .invalidKeyword(path: path, pointer: "", keyword: "additionalProperties",
            reason: "must be true or false (a schema for the other members is not supported)")),
        (#"{"minLength": 1.5}"#, .invalidKeyword(path: path, pointer: "", keyword: "minLength", reason: "must be a whole number, 0 or more, not 1.5")),
        (#"{"minItems": 3, "maxItems": 2}"#, .invalidKeyword(path: path, pointer: "", keyword: "minItems", reason: "is 3, more than maxItems 2")),
        (#"{"minimum": 3, "maximum": 2.5}"#, .invalidKeyword(path: path, pointer: "", keyword: "minimum", reason: "is 3, more than maximum 2.5")),
        (#"{"title": 1}"#, .invalidKeyword(path: path, pointer: "", keyword: "title", reason: "must be a string, not a number")),
        ("{\n  \"enum\": [\"a\",]\n}", .notJSON(path: path, line: 2, reason: "unexpected character, expected a value (byte 18)")),
    ])
    func schemaErrors(json: String, error: SchemaError) throws {
        #expect(throws: error) { try Self.schema(json) }
    }

    @Test("an unsupported keyword's message lists the supported ones and what to do")
    func unsupportedMessage() {
        let message = SchemaError.unsupportedKeyword(path: Self.path, pointer: "/items", keyword: "pattern").errorDescription ?? ""
        #expect(message.hasPrefix(#"prompts/t/schema.json at /items: keyword "pattern" is not supported by label schemas, which know "enum", "type", "#))
        #expect(message.hasSuffix("; remove it or express the rule with these"))
    }
}
