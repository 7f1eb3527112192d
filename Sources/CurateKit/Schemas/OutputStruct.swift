/// The fixed shape of a task's outputs when its label schema declares one: an object whose
/// members are each a scalar of one type. A Parquet export writes such an `output` as a
/// struct column, one field per member.
///
/// A schema declares it with `type: object`, `additionalProperties: false` and at least one
/// member in `properties`, each `type` `string`, `integer`, `number` or `boolean`, or an
/// `enum` of strings. Any other schema leaves `output` a string or JSON text column.
public struct OutputStruct: Sendable, Equatable {
    /// The type of a field's values.
    public enum FieldType: String, Sendable {
        /// A string: Parquet `STRING`.
        case string
        /// An integer: Parquet `INT64`.
        case integer
        /// A number: Parquet `DOUBLE`.
        case number
        /// A boolean: Parquet `BOOLEAN`.
        case boolean
    }

    /// One member of the output: a field of the struct.
    public struct Field: Sendable, Equatable {
        /// The member's name.
        public var name: String
        public var type: FieldType
        /// Whether the schema requires the member (else the field is nullable).
        public var required: Bool
    }

    /// The fields, in the schema's `properties` order.
    public var fields: [Field]
    /// The path of the schema the shape comes from, for messages (`prompts/vocab/schema.json`).
    public var schemaPath: String

    /// The shape `schema` declares, or nil when it declares none.
    /// - Parameter path: the schema's path, for messages.
    public init?(schema: LabelSchema, path: String) {
        guard schema.types == [.object], schema.allowed == nil, !schema.additionalProperties, !schema.properties.isEmpty else { return nil }
        var fields: [Field] = []
        for property in schema.properties {
            guard let type = Self.fieldType(property.schema) else { return nil }
            fields.append(Field(name: property.name, type: type, required: schema.required.contains(property.name)))
        }
        self.fields = fields
        schemaPath = path
    }

    /// The scalar type a member's schema fixes: one `type` of the four, or an `enum` of strings.
    private static func fieldType(_ schema: LabelSchema) -> FieldType? {
        if schema.classLabels != nil, schema.types == nil || schema.types == [.string] { return .string }
        guard schema.allowed == nil, let types = schema.types, types.count == 1 else { return nil }
        switch types[0] {
        case .string: return .string
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        default: return nil
        }
    }

    /// Each field's value in the output `json` (canonical JSON), nil for an absent member.
    ///
    /// Numbers must come back as the same JSON: an integer as its decimal digits within
    /// `INT64`, a number as the shortest text of its double (`0.5`, `1.0`, `1e-07`).
    /// - Returns: the values, or why the output does not have the shape.
    func values(ofCanonical json: String) -> Result<[JSONValue?], ParquetError> {
        let output = try? JSONParser.parse(json)
        guard case .object(let members)? = output else {
            return .failure(.outputMismatch(reason: "output is \(output.map(LabelSchema.shown) ?? json), not an object"))
        }
        if let extra = members.first(where: { member in !fields.contains { $0.name == member.key } }) {
            return .failure(.outputMismatch(reason: "\(LabelSchema.memberPath("output", extra.key)) is not a member the schema declares"))
        }
        var values: [JSONValue?] = []
        for field in fields {
            let path = LabelSchema.memberPath("output", field.name)
            let value = members.first { $0.key == field.name }?.value
            guard let value else {
                if field.required { return .failure(.outputMismatch(reason: "\(path) is missing, and the schema requires it")) }
                values.append(nil)
                continue
            }
            if let problem = Self.problem(with: value, as: field.type) {
                return .failure(.outputMismatch(reason: "\(path) is \(LabelSchema.shown(value)), \(problem)"))
            }
            values.append(value)
        }
        return .success(values)
    }

    /// Why `value` cannot be stored as a `type` field and read back as the same JSON, or nil when it can.
    private static func problem(with value: JSONValue, as type: FieldType) -> String? {
        switch (type, value) {
        case (.string, .string), (.boolean, .bool):
            return nil
        case (.integer, .number(let lexeme)):
            return Int64(lexeme).map(String.init) == lexeme ? nil : "not an integer written as decimal digits within 64 bits"
        case (.number, .number(let lexeme)):
            return Double(lexeme).map(numberText) == lexeme ? nil
                : "which a Parquet DOUBLE gives back as \(Double(lexeme).map(numberText) ?? "another number")"
        default:
            return "not \(LabelSchema.ValueType(rawValue: type.rawValue)?.described ?? type.rawValue)"
        }
    }

    /// The JSON text of a double read from a Parquet `DOUBLE` field: its shortest round-trip
    /// form, as Swift and Python print it (`0.5`, `1.0`, `1e-07`).
    static func numberText(_ value: Double) -> String {
        value.description
    }
}
