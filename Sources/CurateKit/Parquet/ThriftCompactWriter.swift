/// Encodes Thrift structs in the compact protocol, the encoding of Parquet's footer and
/// page headers.
///
/// Callers write a struct's fields in increasing id order between ``beginStruct(_:)`` and
/// ``endStruct()``; ids are written as deltas from the previous field of the same struct.
/// A union is a struct with one field; an empty struct (`StringType {}`) is a begin and an end.
struct ThriftCompactWriter {
    /// The wire types of the compact protocol.
    enum WireType: UInt8 {
        case booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    /// The encoded bytes.
    private(set) var bytes: [UInt8] = []
    /// The last field id of each open struct, innermost last.
    private var lastFieldIDs: [Int16] = [0]

    /// Writes an `i32` field (also an enum's value).
    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        varint(zigzag(Int64(value)))
    }

    /// Writes an `i16` field.
    mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        varint(zigzag(Int64(value)))
    }

    /// Writes an `i64` field.
    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        varint(zigzag(value))
    }

    /// Writes a `bool` field: the value is in the field header.
    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// Writes a `string` field as UTF-8 (a `binary` on the wire).
    mutating func field(_ id: Int16, string value: String) {
        fieldHeader(id, .binary)
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// Writes a `list<i32>` field.
    mutating func field(_ id: Int16, i32List values: [Int32]) {
        fieldHeader(id, .list)
        listHeader(values.count, .i32)
        for value in values { varint(zigzag(Int64(value))) }
    }

    /// Writes a `list<string>` field.
    mutating func field(_ id: Int16, stringList values: [String]) {
        fieldHeader(id, .list)
        listHeader(values.count, .binary)
        for value in values {
            varint(UInt64(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }
    }

    /// Starts a `list<struct>` field of `count` elements; write each with
    /// ``beginListElement()`` … ``endStruct()``.
    mutating func beginStructList(_ id: Int16, count: Int) {
        fieldHeader(id, .list)
        listHeader(count, .structure)
    }

    /// Starts a struct that is an element of a list (it has no field header).
    mutating func beginListElement() {
        lastFieldIDs.append(0)
    }

    /// Starts a struct field.
    mutating func beginStruct(_ id: Int16) {
        fieldHeader(id, .structure)
        lastFieldIDs.append(0)
    }

    /// Ends the innermost open struct (or the top-level one).
    mutating func endStruct() {
        bytes.append(0)
        if lastFieldIDs.count > 1 { lastFieldIDs.removeLast() }
    }

    /// Writes a field whose value is an empty struct.
    mutating func emptyStruct(_ id: Int16) {
        beginStruct(id)
        endStruct()
    }

    private mutating func fieldHeader(_ id: Int16, _ type: WireType) {
        let delta = Int(id) - Int(lastFieldIDs[lastFieldIDs.count - 1])
        if delta > 0, delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            varint(zigzag(Int64(id)))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    private mutating func listHeader(_ count: Int, _ type: WireType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            varint(UInt64(count))
        }
    }

    private mutating func varint(_ value: UInt64) {
        ULEB128.append(value, to: &bytes)
    }

    private func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}
