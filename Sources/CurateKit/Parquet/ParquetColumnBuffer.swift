/// The values of one column in the row group being written, and how they are encoded
/// into pages when the row group is flushed.
///
/// A dictionary column keeps each distinct value once and a small index per row; when a
/// chunk's dictionary outgrows ``maximumEntries`` or ``maximumEntryBytes`` (free text,
/// ids), the chunk falls back to PLAIN and the next chunk tries a dictionary again.
final class ParquetColumnBuffer {
    /// The bounds of one chunk's dictionary.
    static let maximumEntries = 16_384
    static let maximumEntryBytes = 1 << 20

    /// The encoded pages of one column chunk.
    struct Pages {
        /// The dictionary page's body (PLAIN values) and its value count, when the chunk has one.
        let dictionary: (body: [UInt8], count: Int)?
        /// The data page's body: definition levels (optional columns), then the values.
        let data: [UInt8]
        /// The encoding of the data page's values.
        let encoding: ParquetFormat.Encoding
        /// Rows in the chunk, nulls included.
        let rows: Int
        let nullCount: Int
    }

    let column: ParquetColumn
    private var rows = 0
    private var nullCount = 0
    /// One definition level per row (1 present, 0 null); only for optional columns.
    private var levels: [UInt32] = []
    /// PLAIN values: a 4-byte little-endian length, then the bytes.
    private var plain = ByteBuffer(capacity: 1 << 16)
    /// The values of a timestamp, `INT64` or `DOUBLE` column (a double as its bit pattern), nulls left out.
    private var numbers: [Int64] = []
    /// The values of a `BOOLEAN` column, nulls left out.
    private var flags: [Bool] = []
    private var usesDictionary: Bool
    private var dictionary: [String: UInt32] = [:]
    private var entries: [String] = []
    private var entryBytes = 0
    private var indices: [UInt32] = []
    /// The last value looked up and its index: runs of one value skip the hash.
    private var last: (value: String, index: UInt32)?

    init(_ column: ParquetColumn) {
        self.column = column
        usesDictionary = Self.triesDictionary(column)
    }

    private static func triesDictionary(_ column: ParquetColumn) -> Bool {
        if case .string(_, let dictionary) = column.kind { return dictionary }
        return false
    }

    /// Counts the next row and notes whether it has a value; true when it does.
    private func startRow(present: Bool) -> Bool {
        rows += 1
        guard present else {
            levels.append(0)
            nullCount += 1
            return false
        }
        if column.isOptional { levels.append(1) }
        return true
    }

    /// Appends a string column's value for the next row; nil is null.
    func append(_ value: String?) {
        guard startRow(present: value != nil), let value else { return }
        guard usesDictionary else { return appendPlain(value) }
        if let last, last.value == value { return indices.append(last.index) }
        let index: UInt32
        if let known = dictionary[value] {
            index = known
        } else if entries.count < Self.maximumEntries, entryBytes + value.utf8.count <= Self.maximumEntryBytes {
            index = UInt32(entries.count)
            dictionary[value] = index
            entries.append(value)
            entryBytes += value.utf8.count
        } else {
            fallBackToPlain()
            return appendPlain(value)
        }
        indices.append(index)
        last = (value, index)
    }

    /// Appends a timestamp (nanoseconds since the epoch) or `INT64` column's value for the next row; nil is null.
    func append(int64 value: Int64?) {
        guard startRow(present: value != nil), let value else { return }
        numbers.append(value)
    }

    /// Appends a `DOUBLE` column's value for the next row; nil is null.
    func append(double value: Double?) {
        guard startRow(present: value != nil), let value else { return }
        numbers.append(Int64(bitPattern: value.bitPattern))
    }

    /// Appends a `BOOLEAN` column's value for the next row; nil is null.
    func append(bool value: Bool?) {
        guard startRow(present: value != nil), let value else { return }
        flags.append(value)
    }

    /// Encodes the buffered rows as pages and empties the buffer for the next chunk.
    func takePages() -> Pages {
        var data: [UInt8] = []
        if column.isOptional {
            var encoded: [UInt8] = []
            HybridRLE.encode(levels, bitWidth: 1, to: &encoded)
            withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { data.append(contentsOf: $0) }
            data += encoded
        }
        let pages: Pages
        if column.physicalType == .int64 || column.physicalType == .double {
            data.reserveCapacity(data.count + numbers.count * 8)
            for number in numbers { withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) } }
            pages = Pages(dictionary: nil, data: data, encoding: .plain, rows: rows, nullCount: nullCount)
        } else if column.physicalType == .boolean {
            // PLAIN booleans: one bit each, least significant bit first.
            var packed = [UInt8](repeating: 0, count: (flags.count + 7) / 8)
            for (index, flag) in flags.enumerated() where flag { packed[index / 8] |= 1 << UInt8(index % 8) }
            data += packed
            pages = Pages(dictionary: nil, data: data, encoding: .plain, rows: rows, nullCount: nullCount)
        } else if usesDictionary, !entries.isEmpty {
            var dictionaryPage = ByteBuffer(capacity: entryBytes + 4 * entries.count)
            for entry in entries { Self.appendPlain(entry, to: &dictionaryPage) }
            let bitWidth = HybridRLE.bitWidth(for: entries.count - 1)
            data.append(UInt8(bitWidth))
            HybridRLE.encode(indices, bitWidth: bitWidth, to: &data)
            pages = Pages(
                dictionary: (dictionaryPage.withUnsafeBytes { Array($0) }, entries.count), data: data,
                encoding: .rleDictionary, rows: rows, nullCount: nullCount)
        } else {
            fallBackToPlain()
            plain.withUnsafeBytes { data.append(contentsOf: $0) }
            pages = Pages(dictionary: nil, data: data, encoding: .plain, rows: rows, nullCount: nullCount)
        }
        reset()
        return pages
    }

    private func reset() {
        rows = 0
        nullCount = 0
        levels.removeAll(keepingCapacity: true)
        plain.removeAll()
        numbers.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        usesDictionary = Self.triesDictionary(column)
        dictionary.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        entryBytes = 0
        indices.removeAll(keepingCapacity: true)
        last = nil
    }

    /// Rewrites the values seen so far as PLAIN and stops using the dictionary for this chunk.
    private func fallBackToPlain() {
        guard usesDictionary else { return }
        usesDictionary = false
        for index in indices { Self.appendPlain(entries[Int(index)], to: &plain) }
        dictionary.removeAll()
        entries.removeAll()
        indices.removeAll()
        last = nil
    }

    private func appendPlain(_ value: String) {
        Self.appendPlain(value, to: &plain)
    }

    /// Appends `value` PLAIN-encoded: its UTF-8 length as 4 bytes little-endian, then its bytes.
    private static func appendPlain(_ value: String, to output: inout ByteBuffer) {
        var value = value
        value.withUTF8 { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { output.append($0) }
            output.append(bytes)
        }
    }
}
