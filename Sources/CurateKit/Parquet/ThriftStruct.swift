/// A Thrift struct decoded from the compact protocol: its fields by id, untyped.
///
/// Readers of a Parquet footer or page header ask for the fields they need by id and
/// type; fields they do not know are decoded and ignored, so newer writers' additions
/// do not stop them.
struct ThriftStruct {
    /// One decoded value.
    indirect enum Value {
        case bool(Bool)
        /// Any integer width (byte, i16, i32, i64; enums are i32).
        case int(Int64)
        case double(Double)
        /// A string or binary.
        case binary([UInt8])
        /// A list or a set; a map as its keys and values alternating.
        case list([Value])
        case structure(ThriftStruct)
    }

    /// The fields read, by id.
    var fields: [Int16: Value] = [:]
    /// What the struct is, for messages (`FileMetaData`).
    let name: String

    /// The integer field `id`.
    /// - Throws: ``ParquetError/malformed(reason:)`` when it is missing or not an integer.
    func int(_ id: Int16, _ field: String) throws(ParquetError) -> Int64 {
        guard let value = optionalInt(id) else { throw missing(id, field) }
        return value
    }

    /// The integer field `id`, or nil when it is absent.
    func optionalInt(_ id: Int16) -> Int64? {
        if case .int(let value)? = fields[id] { return value }
        return nil
    }

    /// The string field `id`, decoded as UTF-8.
    /// - Throws: ``ParquetError/malformed(reason:)`` when it is missing or not a string.
    func string(_ id: Int16, _ field: String) throws(ParquetError) -> String {
        guard case .binary(let bytes)? = fields[id] else { throw missing(id, field) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The struct field `id`, or nil when it is absent.
    func optionalStruct(_ id: Int16) -> ThriftStruct? {
        if case .structure(let value)? = fields[id] { return value }
        return nil
    }

    /// The struct field `id`.
    /// - Throws: ``ParquetError/malformed(reason:)`` when it is missing or not a struct.
    func structure(_ id: Int16, _ field: String) throws(ParquetError) -> ThriftStruct {
        guard let value = optionalStruct(id) else { throw missing(id, field) }
        return value
    }

    /// The list field `id`.
    /// - Throws: ``ParquetError/malformed(reason:)`` when it is missing or not a list.
    func list(_ id: Int16, _ field: String) throws(ParquetError) -> [Value] {
        guard case .list(let values)? = fields[id] else { throw missing(id, field) }
        return values
    }

    /// The list field `id`, whose elements are structs.
    /// - Throws: ``ParquetError/malformed(reason:)`` when it is missing or holds anything else.
    func structList(_ id: Int16, _ field: String) throws(ParquetError) -> [ThriftStruct] {
        var structs: [ThriftStruct] = []
        for value in try list(id, field) {
            guard case .structure(let element) = value else { throw missing(id, field) }
            structs.append(element)
        }
        return structs
    }

    private func missing(_ id: Int16, _ field: String) -> ParquetError {
        .malformed(reason: "\(name).\(field) (field \(id)) is missing or has the wrong type")
    }
}
