import Foundation

/// Why a label schema (`prompts/TASK/schema.json`) could not be read.
public enum SchemaError: LocalizedError, Sendable, Equatable {
    /// The schema file could not be read.
    case unreadable(path: String, reason: String)
    /// The schema file is not JSON.
    case notJSON(path: String, line: Int, reason: String)
    /// A schema (the file, or one nested in it at `pointer`) is not a JSON object.
    case notASchema(path: String, pointer: String, found: String)
    /// A keyword outside the subset of JSON Schema that label schemas support.
    case unsupportedKeyword(path: String, pointer: String, keyword: String)
    /// A supported keyword with a value it cannot have.
    case invalidKeyword(path: String, pointer: String, keyword: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the label schema \(path): \(reason)"
        case .notJSON(let path, let line, let reason):
            "\(path):\(line): not valid JSON: \(reason); a label schema is a JSON object such as "
                + "{\"enum\": [\"positive\", \"negative\", \"neutral\"]}"
        case .notASchema(let path, let pointer, let found):
            "\(Self.place(path, pointer)): expected a schema (a JSON object), found \(found)"
        case .unsupportedKeyword(let path, let pointer, let keyword):
            "\(Self.place(path, pointer)): keyword \"\(keyword)\" is not supported by label schemas, which know "
                + LabelSchema.keywords.map { "\"\($0)\"" }.joined(separator: ", ")
                + " (see docs/cli.md); remove it or express the rule with these"
        case .invalidKeyword(let path, let pointer, let keyword, let reason):
            "\(Self.place(path, pointer)): keyword \"\(keyword)\": \(reason)"
        }
    }

    /// The file, and the JSON Pointer of the schema inside it unless it is the whole file.
    private static func place(_ path: String, _ pointer: String) -> String {
        pointer.isEmpty ? path : "\(path) at \(pointer)"
    }
}
