import Foundation

/// The outputs a task allows, in a small and strict subset of JSON Schema (2020-12 meanings),
/// read from `prompts/TASK/schema.json`.
///
/// The keywords are ``keywords``: `enum` (the common case, categorical labels), `type`
/// (`string`, `number`, `integer`, `boolean`, `object`, `array`, `null`, or a list of them),
/// `properties`, `required` and `additionalProperties` (a boolean) for objects, `items`,
/// `minItems` and `maxItems` for arrays, `minLength` and `maxLength` for strings (in Unicode
/// scalars), `minimum` and `maximum` for numbers, and the annotations `title`, `description`,
/// `$schema` and `$comment`. Any other keyword is an error, never ignored, so a schema never
/// looks stricter than it is. As in JSON Schema, a keyword about one type says nothing about
/// values of other types (use `type` for that), and numbers compare by value (`1.0` is `1`).
public struct LabelSchema: Sendable {
    /// A JSON type that `type` can name.
    public enum ValueType: String, Sendable, CaseIterable {
        case string, number, integer, boolean, object, array, null

        /// Whether `value` is of this type (`integer`: a number with no fractional part).
        func admits(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object), (.array, .array), (.null, .null):
                true
            case (.integer, .number(let lexeme)):
                !lexeme.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) || Double(lexeme).map { $0 == $0.rounded() } == true
            default:
                false
            }
        }

        /// How a message names values of this type: "a string", "an integer".
        var described: String {
            switch self {
            case .integer, .object, .array: "an \(rawValue)"
            case .null: "null"
            case .boolean: "a boolean"
            default: "a \(rawValue)"
            }
        }
    }

    /// One member of `properties`: a member name and the schema of its value.
    public struct Property: Sendable {
        public var name: String
        public var schema: LabelSchema
    }

    /// A `minimum` or `maximum`: its lexeme as written, and its value.
    struct Bound: Sendable {
        var lexeme: String
        var value: Decimal
    }

    /// The keywords a label schema may use, in the order messages list them.
    public static let keywords = [
        "enum", "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "minLength", "maxLength", "minimum", "maximum", "title", "description", "$schema", "$comment",
    ]

    /// `type`: the types allowed, or nil for any.
    public internal(set) var types: [ValueType]?
    /// `enum`: the values allowed, in the schema's order, or nil when any value of the types is.
    public internal(set) var allowed: [JSONValue]?
    /// `properties`, in the schema's order.
    public internal(set) var properties: [Property] = []
    /// `required`: members an object output must have.
    public internal(set) var required: [String] = []
    /// `additionalProperties`: whether an object output may have members not in `properties`.
    public internal(set) var additionalProperties = true
    /// `items`, kept as an array of none or one because a struct cannot hold itself.
    var itemSchemas: [LabelSchema] = []
    var minItems: Int?
    var maxItems: Int?
    var minLength: Int?
    var maxLength: Int?
    var minimum: Bound?
    var maximum: Bound?
    /// The `enum` values as canonical JSON with numbers in their shortest form, to compare
    /// an output's canonical JSON with them without parsing it.
    var allowedForms: Set<String> = []

    /// `items`: the schema of every element of an array output.
    public var items: LabelSchema? { itemSchemas.first }

    /// The class names of a categorical task: the `enum` values in the schema's order, when
    /// they are all strings (for a dataset card's `ClassLabel`); nil otherwise.
    public var classLabels: [String]? {
        guard let allowed else { return nil }
        var names: [String] = []
        for value in allowed {
            guard case .string(let name) = value else { return nil }
            names.append(name)
        }
        return names
    }

    /// Whether the schema allows every value (`{}`).
    var allowsAnything: Bool {
        types == nil && allowed == nil && properties.isEmpty && required.isEmpty && additionalProperties && itemSchemas.isEmpty
            && minItems == nil && maxItems == nil && minLength == nil && maxLength == nil && minimum == nil && maximum == nil
    }

    /// Checks an output given as canonical JSON (as a ``LabelRecord`` holds it).
    ///
    /// An output equal to an `enum` value is accepted by a set lookup, without parsing it:
    /// every `enum` value satisfies the schema's other keywords (reading refuses a schema
    /// where one does not).
    /// - Parameter path: how errors name the output, usually `output`.
    /// - Returns: nil when the output is allowed, else the first violation found.
    public func violation(ofCanonical json: String, at path: String) -> SchemaViolation? {
        if allowsAnything || allowedForms.contains(json) { return nil }
        guard let value = try? JSONParser.parse(json) else {
            return SchemaViolation(path: path, problem: "is not JSON")  // a record's output always is
        }
        return violation(of: value, at: path)
    }

    /// Checks a JSON value.
    /// - Parameter path: how errors name the value: `output`, and inside it `output.level`, `output[2]`.
    /// - Returns: nil when the value is allowed, else the first violation found.
    public func violation(of value: JSONValue, at path: String) -> SchemaViolation? {
        if let types, !types.contains(where: { $0.admits(value) }) {
            return SchemaViolation(path: path, problem: "expected \(Self.list(types.map(\.described), or: true)), found \(Self.shown(value))")
        }
        if let allowed, !allowedForms.contains(ParamMatch.comparable(value)) {
            let candidates = allowed.compactMap { if case .string(let text) = $0 { text } else { nil } }
            let suggestion = if case .string(let text) = value { NearMatch.suggestion(for: text, among: candidates) } else { String?.none }
            return SchemaViolation(
                path: path, problem: "\(Self.shown(value)) is not one of \(Self.list(allowed.map(Self.shown), or: false))", suggestion: suggestion)
        }
        switch value {
        case .string(let text):
            return lengthViolation(of: text, at: path)
        case .number(let lexeme):
            return boundViolation(of: lexeme, at: path)
        case .array(let elements):
            return arrayViolation(of: elements, at: path)
        case .object(let members):
            return objectViolation(of: members, at: path)
        case .null, .bool:
            return nil
        }
    }

    private func lengthViolation(of text: String, at path: String) -> SchemaViolation? {
        let length = text.unicodeScalars.count
        if let minLength, length < minLength {
            return SchemaViolation(path: path, problem: "\(Self.shown(.string(text))) is \(length) characters long, shorter than minLength \(minLength)")
        }
        if let maxLength, length > maxLength {
            return SchemaViolation(path: path, problem: "\(Self.shown(.string(text))) is \(length) characters long, longer than maxLength \(maxLength)")
        }
        return nil
    }

    private func boundViolation(of lexeme: String, at path: String) -> SchemaViolation? {
        guard minimum != nil || maximum != nil, let value = Self.decimal(lexeme) else { return nil }
        if let minimum, value < minimum.value {
            return SchemaViolation(path: path, problem: "\(lexeme) is less than the minimum \(minimum.lexeme)")
        }
        if let maximum, value > maximum.value {
            return SchemaViolation(path: path, problem: "\(lexeme) is more than the maximum \(maximum.lexeme)")
        }
        return nil
    }

    private func arrayViolation(of elements: [JSONValue], at path: String) -> SchemaViolation? {
        if let minItems, elements.count < minItems {
            return SchemaViolation(path: path, problem: "has \(elements.count) item\(elements.count == 1 ? "" : "s"), fewer than minItems \(minItems)")
        }
        if let maxItems, elements.count > maxItems {
            return SchemaViolation(path: path, problem: "has \(elements.count) items, more than maxItems \(maxItems)")
        }
        guard let items else { return nil }
        for (index, element) in elements.enumerated() {
            if let violation = items.violation(of: element, at: "\(path)[\(index)]") { return violation }
        }
        return nil
    }

    private func objectViolation(of members: [(key: String, value: JSONValue)], at path: String) -> SchemaViolation? {
        let names = properties.map(\.name)
        if !additionalProperties, let extra = members.first(where: { !names.contains($0.key) }) {
            let allowed = names.isEmpty ? "it declares no members" : "the members are " + Self.list(names.map { Self.shown(.string($0)) }, or: false)
            return SchemaViolation(
                path: Self.memberPath(path, extra.key), problem: "not allowed (additionalProperties is false; \(allowed))",
                suggestion: NearMatch.suggestion(for: extra.key, among: names.filter { name in !members.contains { $0.key == name } }))
        }
        if let missing = required.first(where: { name in !members.contains { $0.key == name } }) {
            return SchemaViolation(path: Self.memberPath(path, missing), problem: "missing (the schema requires it)")
        }
        for member in members {
            guard let property = properties.first(where: { $0.name == member.key }) else { continue }
            if let violation = property.schema.violation(of: member.value, at: Self.memberPath(path, member.key)) { return violation }
        }
        return nil
    }

    /// The path of member `key` of the value at `path`: `output.level`, or `output["a b"]`
    /// for a key that is not a plain word.
    static func memberPath(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-") }
        return plain ? "\(path).\(key)" : "\(path)[\(JSONWriter.canonical(.string(key)))]"
    }

    /// A value as a message shows it: its canonical JSON, cut after 60 characters.
    static func shown(_ value: JSONValue) -> String {
        let json = JSONWriter.canonical(value)
        return json.count > 60 ? String(json.prefix(59)) + "…" : json
    }

    /// `a, b or c` (`or`), or `a, b, c` (a list of what is allowed), at most 10 items shown.
    static func list(_ items: [String], or: Bool) -> String {
        if items.count > 10 { return items.prefix(10).joined(separator: ", ") + ", … (\(items.count) in all)" }
        guard or, items.count > 1 else { return items.joined(separator: ", ") }
        return items.dropLast().joined(separator: ", ") + " or " + (items.last ?? "")
    }

    /// A number lexeme's value.
    static func decimal(_ lexeme: String) -> Decimal? {
        Decimal(string: lexeme, locale: Locale(identifier: "en_US_POSIX")).flatMap { $0.isFinite ? $0 : nil }
    }
}
