import Foundation

extension LabelSchema {
    /// Reads a schema file's bytes.
    /// - Parameter path: how errors name the file, e.g. `prompts/sentiment/schema.json`.
    /// - Throws: ``SchemaError`` naming the file (and line, or the schema inside it) and the keyword.
    public init(json bytes: UnsafeRawBufferPointer, path: String) throws(SchemaError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let line = 1 + bytes.prefix(error.offset).count(where: { $0 == 0x0A })
            throw .notJSON(path: path, line: line, reason: "\(error.reason) (byte \(error.offset + 1))")
        }
        try self.init(value, path: path, pointer: "")
    }

    /// Reads a schema given as JSON text.
    /// - Throws: ``SchemaError`` as ``init(json:path:)``.
    public init(json text: String, path: String) throws(SchemaError) {
        var copy = text
        let result = copy.withUTF8 { buffer in
            Result { () throws(SchemaError) -> LabelSchema in try LabelSchema(json: UnsafeRawBufferPointer(buffer), path: path) }
        }
        self = try result.get()
    }

    /// Reads the schema at JSON Pointer `pointer` of the file `path`.
    init(_ value: JSONValue, path: String, pointer: String) throws(SchemaError) {
        guard case .object(let members) = value else {
            throw .notASchema(path: path, pointer: pointer, found: value.typeDescription)
        }
        let reader = KeywordReader(path: path, pointer: pointer)
        for (keyword, value) in members {
            try reader.read(keyword, value, into: &self)
        }
        try reader.checkTogether(self)
        allowedForms = Set(allowed.map { $0.map(ParamMatch.comparable) } ?? [])
    }

    /// Reads each keyword's value into a schema, with errors naming the file, the schema and the keyword.
    private struct KeywordReader {
        let path: String
        let pointer: String

        func read(_ keyword: String, _ value: JSONValue, into schema: inout LabelSchema) throws(SchemaError) {
            switch keyword {
            case "enum":
                guard case .array(let values) = value, !values.isEmpty else { throw invalid(keyword, "must be a non-empty array of the allowed values") }
                let forms = values.map(ParamMatch.comparable)
                if let repeated = forms.indices.first(where: { forms[..<$0].contains(forms[$0]) }) {
                    throw invalid(keyword, "lists \(LabelSchema.shown(values[repeated])) twice")
                }
                schema.allowed = values
            case "type":
                schema.types = try types(value)
            case "properties":
                guard case .object(let members) = value else { throw invalid(keyword, "must be an object of member names to schemas") }
                var properties: [Property] = []
                for member in members {
                    let schema = try LabelSchema(member.value, path: path, pointer: "\(pointer)/properties/\(Self.escaped(member.key))")
                    properties.append(Property(name: member.key, schema: schema))
                }
                schema.properties = properties
            case "required":
                guard case .array(let values) = value else { throw invalid(keyword, "must be an array of member names") }
                var names: [String] = []
                for value in values {
                    guard case .string(let name) = value else { throw invalid(keyword, "must hold member names (strings), not \(value.typeDescription)") }
                    if names.contains(name) { throw invalid(keyword, "lists \"\(name)\" twice") }
                    names.append(name)
                }
                schema.required = names
            case "additionalProperties":
                guard case .bool(let allowed) = value else {
                    throw invalid(keyword, "must be true or false (a schema for the other members is not supported)")
                }
                schema.additionalProperties = allowed
            case "items":
                schema.itemSchemas = [try LabelSchema(value, path: path, pointer: "\(pointer)/items")]
            case "minItems": schema.minItems = try count(keyword, value)
            case "maxItems": schema.maxItems = try count(keyword, value)
            case "minLength": schema.minLength = try count(keyword, value)
            case "maxLength": schema.maxLength = try count(keyword, value)
            case "minimum": schema.minimum = try bound(keyword, value)
            case "maximum": schema.maximum = try bound(keyword, value)
            case "title", "description", "$schema", "$comment":
                guard case .string = value else { throw invalid(keyword, "must be a string, not \(value.typeDescription)") }
            default:
                throw .unsupportedKeyword(path: path, pointer: pointer, keyword: keyword)
            }
        }

        /// Refuses keywords that contradict each other: a required member the schema does not
        /// declare, a minimum above its maximum, or an `enum` value the other keywords refuse.
        func checkTogether(_ schema: LabelSchema) throws(SchemaError) {
            if let undeclared = schema.required.first(where: { name in !schema.properties.contains { $0.name == name } }) {
                throw invalid("required", "names \"\(undeclared)\", which \"properties\" does not declare (declare it, with {} for any value)")
            }
            try checkOrder(schema.minItems, schema.maxItems, "minItems", "maxItems")
            try checkOrder(schema.minLength, schema.maxLength, "minLength", "maxLength")
            if let minimum = schema.minimum, let maximum = schema.maximum, minimum.value > maximum.value {
                throw invalid("minimum", "is \(minimum.lexeme), more than maximum \(maximum.lexeme)")
            }
            guard let allowed = schema.allowed else { return }
            var others = schema
            others.allowed = nil
            for value in allowed {
                if let violation = others.violation(of: value, at: "") {
                    throw invalid("enum", "lists \(LabelSchema.shown(value)), which the schema's other keywords refuse (\(violation.problem))")
                }
            }
        }

        private func checkOrder(_ low: Int?, _ high: Int?, _ lowKeyword: String, _ highKeyword: String) throws(SchemaError) {
            if let low, let high, low > high { throw invalid(lowKeyword, "is \(low), more than \(highKeyword) \(high)") }
        }

        private func types(_ value: JSONValue) throws(SchemaError) -> [ValueType] {
            let names: [JSONValue]
            switch value {
            case .string: names = [value]
            case .array(let list) where !list.isEmpty: names = list
            default: throw invalid("type", "must be a type name or a non-empty array of them")
            }
            var types: [ValueType] = []
            for name in names {
                guard case .string(let text) = name, let type = ValueType(rawValue: text) else {
                    throw invalid("type", "\(LabelSchema.shown(name)) is not one of "
                        + ValueType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
                }
                if types.contains(type) { throw invalid("type", "lists \"\(text)\" twice") }
                types.append(type)
            }
            return types
        }

        private func count(_ keyword: String, _ value: JSONValue) throws(SchemaError) -> Int {
            guard case .number(let lexeme) = value, let count = Int(lexeme), count >= 0 else {
                throw invalid(keyword, "must be a whole number, 0 or more, not \(LabelSchema.shown(value))")
            }
            return count
        }

        private func bound(_ keyword: String, _ value: JSONValue) throws(SchemaError) -> Bound {
            guard case .number(let lexeme) = value, let decimal = LabelSchema.decimal(lexeme) else {
                throw invalid(keyword, "must be a number, not \(LabelSchema.shown(value))")
            }
            return Bound(lexeme: lexeme, value: decimal)
        }

        private func invalid(_ keyword: String, _ reason: String) -> SchemaError {
            .invalidKeyword(path: path, pointer: pointer, keyword: keyword, reason: reason)
        }

        /// A member name as a JSON Pointer token (`~` → `~0`, `/` → `~1`).
        private static func escaped(_ name: String) -> String {
            name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
    }
}
