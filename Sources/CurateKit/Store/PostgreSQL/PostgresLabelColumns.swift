/// The current row of a PostgreSQL label query, read in place from the fields COPY sent:
/// task, input_id, created_at, id, output, input, run, tuple_id, supersedes, params, meta,
/// content_sha256, retraction_id (the columns of ``StoredLabel/Text``'s raw values).
struct PostgresLabelColumns: StoredLabelColumns {
    private let row: PostgresRow

    /// The label row `fields` of `store`.
    init(_ fields: [String?], store: PostgresURL) {
        row = PostgresRow(fields, table: "labels", store: store) { "row id \(fields.count > 3 ? fields[3] ?? "NULL" : "NULL")" }
    }

    func createdAt() throws(PostgresError) -> Int64 { try row.integer(2, "created_at") }
    func tupleID() throws(PostgresError) -> Int64 { try row.integer(7, "tuple_id") }
    func retraction() throws(PostgresError) -> Int64? { try row.optionalInteger(12, "retraction_id") }

    func withText<R>(_ text: StoredLabel.Text, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard var value = row.optionalText(Int(text.rawValue)) else { return try body(nil) }
        return try value.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with the content hash, decoded from `bytea`'s hex text (`\x`, two digits a
    /// byte) into a buffer on the stack: no allocation per row.
    func withContentSHA256<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard var hex = row.optionalText(11) else { throw row.badValue(11, "content_sha256") }
        let digits = hex.utf8.count - 2
        guard hex.hasPrefix("\\x"), digits >= 0, digits % 2 == 0 else { throw row.badValue(11, "content_sha256") }
        return try withUnsafeTemporaryAllocation(byteCount: digits / 2, alignment: 1) { bytes in
            let decoded = hex.withUTF8 { text in
                for index in 0..<digits / 2 {
                    guard let high = Self.hexValue(text[2 + 2 * index]), let low = Self.hexValue(text[3 + 2 * index]) else { return false }
                    bytes[index] = high << 4 | low
                }
                return true
            }
            guard decoded else { throw row.badValue(11, "content_sha256") }
            return try body(UnsafeRawBufferPointer(bytes))
        }
    }

    /// The value of an ASCII hex digit; nil for any other byte.
    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
