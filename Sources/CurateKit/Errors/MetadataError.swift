import Foundation

/// Why a dataset's metadata (`curate.toml` or an export flag) could not be read.
public enum MetadataError: LocalizedError, Sendable, Equatable {
    /// `curate.toml` could not be read at all.
    case unreadable(path: String, reason: String)
    /// A line of `curate.toml` is not in the TOML subset curate reads.
    case syntax(path: String, line: Int, reason: String)
    /// A table or key that curate does not know; `suggestion` is the one meant, when one is near.
    case unknownKey(path: String, line: Int, key: String, known: [String], suggestion: String?)
    /// A key given twice.
    case duplicateKey(path: String, line: Int, key: String, firstLine: Int)
    /// A value of the wrong form; `source` is `FILE:LINE` or the flag that gave it.
    case invalidValue(source: String, key: String, value: String, expected: String)
    /// A table that needs a key lacks it.
    case missingKey(path: String, table: String, key: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .syntax(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .unknownKey(let path, let line, let key, let known, let suggestion):
            "\(path):\(line): unknown key \"\(key)\"\(suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""); "
                + "known keys: \(known.joined(separator: ", "))"
        case .duplicateKey(let path, let line, let key, let firstLine):
            "\(path):\(line): \"\(key)\" is already set on line \(firstLine); keep one of them"
        case .invalidValue(let source, let key, let value, let expected):
            "\(source): \(key) \"\(value)\" is not \(expected)"
        case .missingKey(let path, let table, let key):
            "\(path): [\(table)] has no \(key); add \(key) = \"…\" to it, or remove the table"
        }
    }
}
