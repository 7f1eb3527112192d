/// Decodes Thrift structs in the compact protocol (see ``ThriftCompactWriter``) from a
/// buffer, checking every length against the bytes there are.
struct ThriftCompactReader {
    private let bytes: UnsafeRawBufferPointer
    /// Where the next byte is read.
    private(set) var offset: Int
    /// Structs and lists may nest this deep, so a hostile file cannot exhaust the stack.
    private static let maximumDepth = 32

    /// A reader of `bytes` from `offset`.
    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Reads one struct, named `name` in messages.
    /// - Throws: ``ParquetError/malformed(reason:)`` when the bytes end early or are not the compact protocol.
    mutating func readStruct(_ name: String) throws(ParquetError) -> ThriftStruct {
        try readStruct(name, depth: 0)
    }

    private mutating func readStruct(_ name: String, depth: Int) throws(ParquetError) -> ThriftStruct {
        guard depth < Self.maximumDepth else { throw .malformed(reason: "\(name) nests deeper than \(Self.maximumDepth) levels") }
        var result = ThriftStruct(name: name)
        var lastID: Int16 = 0
        while true {
            let header = try byte(name)
            if header == 0 { return result }
            let type = header & 0x0F
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                id = lastID &+ Int16(delta)
            } else {
                id = Int16(truncatingIfNeeded: unzigzag(try varint()))
            }
            lastID = id
            result.fields[id] = try value(type: type, in: name, depth: depth)
        }
    }

    private mutating func value(type: UInt8, in name: String, depth: Int) throws(ParquetError) -> ThriftStruct.Value {
        switch type {
        case 1: return .bool(true)
        case 2: return .bool(false)
        case 3: return .int(Int64(Int8(bitPattern: try byte(name))))
        case 4, 5, 6: return .int(unzigzag(try varint()))
        case 7:
            let raw = try take(8, name)
            return .double(Double(bitPattern: raw.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }))
        case 8:
            let length = try varint()
            guard length <= UInt64(bytes.count - offset) else { throw .malformed(reason: "\(name) has a string longer than the bytes left") }
            return .binary(Array(try take(Int(length), name)))
        case 9, 10:
            let header = try byte(name)
            let count = header >> 4 == 15 ? try varint() : UInt64(header >> 4)
            guard count <= UInt64(bytes.count - offset) else { throw .malformed(reason: "\(name) has a list longer than the bytes left") }
            var elements: [ThriftStruct.Value] = []
            for _ in 0..<count { elements.append(try element(type: header & 0x0F, in: name, depth: depth + 1)) }
            return .list(elements)
        case 11:
            let count = try varint()
            guard count > 0 else { return .list([]) }
            guard count <= UInt64(bytes.count - offset) else { throw .malformed(reason: "\(name) has a map longer than the bytes left") }
            let types = try byte(name)
            var elements: [ThriftStruct.Value] = []
            for _ in 0..<count {
                elements.append(try element(type: types >> 4, in: name, depth: depth + 1))
                elements.append(try element(type: types & 0x0F, in: name, depth: depth + 1))
            }
            return .list(elements)
        case 12: return .structure(try readStruct(name, depth: depth + 1))
        default: throw .malformed(reason: "\(name) has a field of unknown compact type \(type)")
        }
    }

    /// A list, set or map element: booleans take a byte of their own there.
    private mutating func element(type: UInt8, in name: String, depth: Int) throws(ParquetError) -> ThriftStruct.Value {
        guard type == 1 || type == 2 else { return try value(type: type, in: name, depth: depth) }
        return .bool(try byte(name) == 1)
    }

    private mutating func byte(_ name: String) throws(ParquetError) -> UInt8 {
        guard offset < bytes.count else { throw .malformed(reason: "\(name) ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func take(_ count: Int, _ name: String) throws(ParquetError) -> UnsafeRawBufferPointer.SubSequence {
        guard count <= bytes.count - offset else { throw .malformed(reason: "\(name) ends early") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    private mutating func varint() throws(ParquetError) -> UInt64 {
        try ULEB128.read(bytes, at: &offset)
    }

    private func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
