/// Decodes the pages of one string column chunk: an optional dictionary page, then v1
/// data pages whose values are PLAIN or dictionary indices, with definition levels when
/// the column is optional.
struct ParquetChunkDecoder {
    /// The chunk's values, nil for a null, once ``decode(_:)`` is done.
    private(set) var strings: [String?] = []
    private let values: Int
    private let optional: Bool
    private let zstd: Bool
    private var dictionary: [String] = []

    /// A decoder of a chunk of `values` rows; `optional` columns have definition levels,
    /// `zstd` chunks compressed pages.
    init(values: Int, optional: Bool, zstd: Bool) {
        self.values = values
        self.optional = optional
        self.zstd = zstd
        strings.reserveCapacity(values)
    }

    /// Decodes the chunk's pages from `bytes`, which start at its first page.
    /// - Throws: ``ParquetError`` for a page of another kind or damaged bytes.
    mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var offset = 0
        while strings.count < values {
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
                    dictionary = try Self.plain(page, at: &position, count: Int(count))
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
        guard (0...values - strings.count).contains(count) else { throw .malformed(reason: "a data page holds more values than its chunk") }
        var position = 0
        var levels: [UInt32] = []
        if optional {
            let length = Int(try Self.uint32(page, at: &position))
            guard length <= page.count - position else { throw .malformed(reason: "definition levels run past their page") }
            levels = try HybridRLE.decode(UnsafeRawBufferPointer(rebasing: page[position..<position + length]), from: 0, count: count, bitWidth: 1)
            position += length
        }
        let present = optional ? levels.reduce(0) { $0 + Int($1) } : count
        let decoded: [String]
        switch try header.int(2, "encoding") {
        case Int64(ParquetFormat.Encoding.plain.rawValue):
            decoded = try Self.plain(page, at: &position, count: present)
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
        guard optional else { return strings += decoded.map { $0 } }
        var next = decoded.makeIterator()
        for level in levels { strings.append(level == 1 ? next.next() : nil) }
    }

    /// `count` PLAIN byte arrays from `position` on: each a 4-byte little-endian length, then its bytes.
    private static func plain(_ page: UnsafeRawBufferPointer, at position: inout Int, count: Int) throws(ParquetError) -> [String] {
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try uint32(page, at: &position))
            guard length <= page.count - position else { throw .malformed(reason: "a value runs past its page") }
            strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: page[position..<position + length]), as: UTF8.self))
            position += length
        }
        return strings
    }

    private static func uint32(_ page: UnsafeRawBufferPointer, at position: inout Int) throws(ParquetError) -> UInt32 {
        guard page.count - position >= 4 else { throw .malformed(reason: "a length runs past its page") }
        defer { position += 4 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(page[position + $1]) << (8 * $1) }
    }
}
