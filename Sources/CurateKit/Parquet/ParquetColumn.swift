/// One leaf column of the Parquet files curate writes: UTF-8 strings, UTC timestamps,
/// 64-bit integers, doubles or booleans, either at the top of the schema or a field of a
/// required struct (``group``).
///
/// There are no lists and every struct is required, so a leaf's maximum definition level
/// is 1 when it is optional and 0 when not, and there are no repetition levels: a leaf of
/// a struct is encoded exactly like a top-level column.
struct ParquetColumn: Sendable, Equatable {
    /// What the column holds.
    enum Kind: Sendable, Equatable {
        /// `BYTE_ARRAY` with logical type `STRING` (and converted type `UTF8` for older readers).
        /// `dictionary` tries dictionary encoding in every column chunk (for repeated values).
        case string(optional: Bool, dictionary: Bool)
        /// Required `INT64` with logical type `TIMESTAMP(isAdjustedToUTC = true, unit = NANOS)`.
        case timestamp
        /// `INT64`, PLAIN.
        case int64(optional: Bool)
        /// `DOUBLE`, PLAIN.
        case double(optional: Bool)
        /// `BOOLEAN`, PLAIN (bit-packed).
        case boolean(optional: Bool)
    }

    let name: String
    let kind: Kind
    /// The required struct (a Parquet group) the column is a field of, if any.
    var group: String?

    /// Its `path_in_schema`: the struct's name, if any, then its own.
    var path: [String] {
        (group.map { [$0] } ?? []) + [name]
    }

    /// Whether the column may hold nulls (and so has definition levels).
    var isOptional: Bool {
        switch kind {
        case .string(let optional, _), .int64(let optional), .double(let optional), .boolean(let optional): optional
        case .timestamp: false
        }
    }

    var physicalType: ParquetFormat.PhysicalType {
        switch kind {
        case .string: .byteArray
        case .timestamp, .int64: .int64
        case .double: .double
        case .boolean: .boolean
        }
    }

    /// Writes the `SchemaElement` of the required struct `name` of `fields` leaves, an
    /// element of `FileMetaData.schema` that its leaves follow.
    static func writeGroupElement(_ name: String, fields: Int, to writer: inout ThriftCompactWriter) {
        writer.beginListElement()
        writer.field(3, i32: ParquetFormat.Repetition.required.rawValue)
        writer.field(4, string: name)
        writer.field(5, i32: Int32(fields))
        writer.endStruct()
    }

    /// Writes the column's `SchemaElement`, an element of `FileMetaData.schema`.
    func writeSchemaElement(to writer: inout ThriftCompactWriter) {
        writer.beginListElement()
        writer.field(1, i32: physicalType.rawValue)
        writer.field(3, i32: (isOptional ? ParquetFormat.Repetition.optional : .required).rawValue)
        writer.field(4, string: name)
        switch kind {
        case .string:
            writer.field(6, i32: ParquetFormat.convertedUTF8)
            writer.beginStruct(10)  // logicalType
            writer.emptyStruct(1)  // STRING
            writer.endStruct()
        case .timestamp:
            writer.beginStruct(10)  // logicalType
            writer.beginStruct(8)  // TIMESTAMP
            writer.field(1, bool: true)  // isAdjustedToUTC
            writer.beginStruct(2)  // unit
            writer.emptyStruct(3)  // NANOS
            writer.endStruct()
            writer.endStruct()
            writer.endStruct()
        case .int64, .double, .boolean:
            break
        }
        writer.endStruct()
    }
}
