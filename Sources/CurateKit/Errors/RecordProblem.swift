/// What is wrong with one input line, independent of where the line came from.
public enum RecordProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not JSON.
    case notJSON(offset: Int, reason: String)
    /// The line is JSON but not an object.
    case notAnObject(found: String)
    /// A required field is absent.
    case missingField(String)
    /// A field holds a value of the wrong JSON type.
    case wrongType(field: String, expected: String, found: String)
    /// A field has the right type but an unacceptable value.
    case invalidValue(field: String, reason: String)
    /// A field the record format does not know.
    case unknownField(String)
    /// The line is longer than the ingest's limit; it was not read into memory.
    case lineTooLong(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .notJSON(let offset, let reason):
            "not valid JSON at byte \(offset + 1): \(reason)"
        case .notAnObject(let found):
            "expected a JSON object, found \(found)"
        case .missingField(let field):
            "field \"\(field)\": missing (it is required)"
        case .wrongType(let field, let expected, let found):
            "field \"\(field)\": expected \(expected), found \(found)"
        case .invalidValue(let field, let reason):
            "field \"\(field)\": \(reason)"
        case .unknownField(let field):
            "field \"\(field)\": not a label record field (keep extra data under \"meta\")"
        case .lineTooLong(let length, let limit):
            "the line is \(length) bytes, longer than the limit of \(limit) bytes; "
                + "split the record's data, or raise the limit with --max-line-bytes"
        }
    }
}
