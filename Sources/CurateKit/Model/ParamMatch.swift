import Foundation

/// A `--param KEY=VALUE` selector: labels whose `params` member KEY equals VALUE.
///
/// VALUE is read as JSON when it is JSON (`0`, `0.70`, `true`, `"v1"`, `[1,2]`), else as a
/// JSON string (`model=fast`), and compared as canonical JSON with numbers compared by
/// value, so `temperature=0.70` matches a stored `0.7`.
public struct ParamMatch: Sendable, Hashable, CustomStringConvertible {
    /// The member of `params`.
    public let key: String
    /// The value as canonical JSON, numbers in their shortest decimal form.
    public let value: String

    /// Parses `KEY=VALUE`.
    /// - Throws: ``ExportError/invalidParam(_:)`` when there is no `=` or no key.
    public init(parsing text: String) throws(ExportError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { throw .invalidParam(text) }
        key = String(text[..<equals])
        let raw = String(text[text.index(after: equals)...])
        value = Self.comparable((try? JSONParser.parse(raw)) ?? .string(raw))
    }

    /// `KEY=CANONICAL-VALUE`, as the manifest records it.
    public var description: String { "\(key)=\(value)" }

    /// `value` as canonical JSON with every number in its shortest decimal form (`0.70` → `0.7`,
    /// `1E2` → `100`), so equal values give equal text.
    static func comparable(_ value: JSONValue) -> String {
        func normalized(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let lexeme):
                guard let decimal = Decimal(string: lexeme, locale: Locale(identifier: "en_US_POSIX")), decimal.isFinite else { return value }
                return .number(decimal.description)
            case .array(let elements): return .array(elements.map(normalized))
            case .object(let members): return .object(members.map { ($0.key, normalized($0.value)) })
            default: return value
            }
        }
        return JSONWriter.canonical(normalized(value))
    }
}

/// The `--param` and `--exclude-param` rules of a selection, checked against each label's `params`.
struct ParamFilter: Sendable {
    /// Values to keep, by key: a label needs one of each key's values.
    private let include: [String: Set<String>]
    private let exclude: [ParamMatch]

    init(include: [ParamMatch], exclude: [ParamMatch]) {
        self.include = Dictionary(grouping: include, by: \.key).mapValues { Set($0.map(\.value)) }
        self.exclude = exclude
    }

    /// Whether there is no rule.
    var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// Whether a label with `params` (canonical JSON, nil when none) passes.
    func accepts(params: String?) -> Bool {
        guard !isEmpty else { return true }
        var members: [String: String] = [:]
        if let params, case .object(let list)? = try? JSONParser.parse(params) {
            for member in list { members[member.key] = ParamMatch.comparable(member.value) }
        }
        for (key, values) in include {
            guard let value = members[key], values.contains(value) else { return false }
        }
        return !exclude.contains { members[$0.key] == $0.value }
    }
}
