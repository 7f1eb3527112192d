/// Decodes the pages of one column chunk of strings, `INT64`, `DOUBLE` or `BOOLEAN` values:
/// an optional dictionary page, then v1 data pages whose values are PLAIN or dictionary
/// indices, with definition levels when the column is optional.
///
/// Values come out as JSON values: a string, a number (an integer as its digits, a double as
/// ``OutputStruct/numberText(_:)``) or a boolean.
struct ParquetChunkDecoder {
    /// The chunk's values, nil for a null, once ``decode(_:)`` is done.
    private(set) var cells: [JSONValue?] = []
    private let values: Int
    private let optional: Bool
    private let zstd: Bool
    private let type: ParquetFormat.PhysicalType
    private var dictionary: [JSONValue] = []

    /// A decoder of a chunk of `values` rows of physical type `type`; `optional` columns have
    /// definition levels, `zstd` chunks compressed pages.
    init(values: Int, type: ParquetFormat.PhysicalType, optional: Bool, zstd: Bool) {
        self.values = values
        self.type = type
        self.optional = optional
        self.zstd = zstd
        cells.reserveCapacity(values)
    }

    /// Decodes the chunk's pages from `bytes`, which start at its first page.
    /// - Throws: ``ParquetError`` for a page of another kind or damaged bytes.
    mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var offset = 0
        while cells.count < values {
            var reader = ThriftCompactReader(bytes, offset: offset)
            let header = try reader.readStruct("PageHeader")
            let type = try header.int(1, "type")
            let size = try header.int(2, "uncompressed_page_size")
            let stored = try header.int(3, "compressed_page_size")
            offset = reader.offset
            guard (0...Int64(bytes.count - offset)).contains(stored), (0...Int64(Int32.max)).contains(size) else {
                throw .malformed(reason: "a page is larger than its column chunk")
            }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(stored)])
            offset += Int(stored)
            let body = zstd ? try Zstd.decompress(raw, size: Int(size)) : Array(raw)
            try body.withUnsafeBytes { page in Result { () throws(ParquetError) in
                switch type {
                case Int64(ParquetFormat.PageType.dictionaryPage.rawValue):
                    let count = try header.structure(7, "dictionary_page_header").int(1, "num_values")
                    var position = 0
                    dictionary = try plain(page, at: &position, count: Int(count))
                case Int64(ParquetFormat.PageType.dataPage.rawValue):
                    try decodeDataPage(page, header: try header.structure(5, "data_page_header"))
                default:
                    throw .malformed(reason: "a page of type \(type); curate reads dictionary pages and v1 data pages")
                }
            } }.get()
        }
    }

    private mutating func decodeDataPage(_ page: UnsafeRawBufferPointer, header: ThriftStruct) throws(ParquetError) {
        let count = Int(try header.int(1, "num_values"))
        guard (0...values - cells.count).contains(count) else { throw .malformed(reason: "a data page holds more values than its chunk") }
        var position = 0
        var levels: [UInt32] = []
        if optional {
            let length = Int(try Self.uint32(page, at: &position))
            guard length <= page.count - position else { throw .malformed(reason: "definition levels run past their page") }
            levels = try HybridRLE.decode(UnsafeRawBufferPointer(rebasing: page[position..<position + length]), from: 0, count: count, bitWidth: 1)
            position += length
        }
        let present = optional ? levels.reduce(0) { $0 + Int($1) } : count
        let decoded: [JSONValue]
        switch try header.int(2, "encoding") {
        case Int64(ParquetFormat.Encoding.plain.rawValue):
            decoded = try plain(page, at: &position, count: present)
        case 2, Int64(ParquetFormat.Encoding.rleDictionary.rawValue):  // PLAIN_DICTIONARY (format 1.0), RLE_DICTIONARY
            guard position < page.count else { throw .malformed(reason: "a dictionary-encoded page has no bit width") }
            let indices = try HybridRLE.decode(page, from: position + 1, count: present, bitWidth: Int(page[position]))
            decoded = try indices.map { (index) throws(ParquetError) in
                guard Int(index) < dictionary.count else { throw .malformed(reason: "a dictionary index past its dictionary") }
                return dictionary[Int(index)]
            }
        case let encoding:
            throw .malformed(reason: "values in encoding \(encoding); curate reads PLAIN and dictionary encodings")
        }
        guard optional else { return cells += decoded.map { $0 } }
        var next = decoded.makeIterator()
        for level in levels { cells.append(level == 1 ? next.next() : nil) }
    }

    /// `count` PLAIN values from `position` on: byte arrays each a 4-byte little-endian length,
    /// then its bytes; `INT64` and `DOUBLE` 8 bytes little-endian each; booleans one bit each.
    private func plain(_ page: UnsafeRawBufferPointer, at position: inout Int, count: Int) throws(ParquetError) -> [JSONValue] {
        var result: [JSONValue] = []
        result.reserveCapacity(count)
        switch type {
        case .byteArray:
            for _ in 0..<count {
                let length = Int(try Self.uint32(page, at: &position))
                guard length <= page.count - position else { throw .malformed(reason: "a value runs past its page") }
                result.append(.string(String(decoding: UnsafeRawBufferPointer(rebasing: page[position..<position + length]), as: UTF8.self)))
                position += length
            }
        case .int64, .double:
            guard (page.count - position) / 8 >= count else { throw .malformed(reason: "a value runs past its page") }
            for _ in 0..<count {
                let bits = (0..<8).reduce(UInt64(0)) { $0 | UInt64(page[position + $1]) << (8 * $1) }
                position += 8
                result.append(.number(type == .int64 ? String(Int64(bitPattern: bits)) : OutputStruct.numberText(Double(bitPattern: bits))))
            }
        case .boolean:
            guard (page.count - position) * 8 >= count else { throw .malformed(reason: "a value runs past its page") }
            for index in 0..<count { result.append(.bool(page[position + index / 8] & (1 << UInt8(index % 8)) != 0)) }
            position += (count + 7) / 8
        }
        return result
    }

    private static func uint32(_ page: UnsafeRawBufferPointer, at position: inout Int) throws(ParquetError) -> UInt32 {
        guard page.count - position >= 4 else { throw .malformed(reason: "a length runs past its page") }
        defer { position += 4 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(page[position + $1]) << (8 * $1) }
    }
}
