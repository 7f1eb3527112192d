/// One column of the Parquet files curate writes: UTF-8 strings or UTC timestamps, flat
/// (no nesting, so a definition level is 0 or 1 and there are no repetition levels).
struct ParquetColumn: Sendable, Equatable {
    /// What the column holds.
    enum Kind: Sendable, Equatable {
        /// `BYTE_ARRAY` with logical type `STRING` (and converted type `UTF8` for older readers).
        /// `dictionary` tries dictionary encoding in every column chunk (for repeated values).
        case string(optional: Bool, dictionary: Bool)
        /// Required `INT64` with logical type `TIMESTAMP(isAdjustedToUTC = true, unit = NANOS)`.
        case timestamp
    }

    let name: String
    let kind: Kind

    /// Whether the column may hold nulls (and so has definition levels).
    var isOptional: Bool {
        if case .string(let optional, _) = kind { return optional }
        return false
    }

    var physicalType: ParquetFormat.PhysicalType {
        kind == .timestamp ? .int64 : .byteArray
    }

    /// Writes the column's `SchemaElement`, an element of `FileMetaData.schema`.
    func writeSchemaElement(to writer: inout ThriftCompactWriter) {
        writer.beginListElement()
        writer.field(1, i32: physicalType.rawValue)
        writer.field(3, i32: (isOptional ? ParquetFormat.Repetition.optional : .required).rawValue)
        writer.field(4, string: name)
        if kind != .timestamp { writer.field(6, i32: ParquetFormat.convertedUTF8) }
        writer.beginStruct(10)  // logicalType
        if kind == .timestamp {
            writer.beginStruct(8)  // TIMESTAMP
            writer.field(1, bool: true)  // isAdjustedToUTC
            writer.beginStruct(2)  // unit
            writer.emptyStruct(3)  // NANOS
            writer.endStruct()
            writer.endStruct()
        } else {
            writer.emptyStruct(1)  // STRING
        }
        writer.endStruct()
        writer.endStruct()
    }
}
