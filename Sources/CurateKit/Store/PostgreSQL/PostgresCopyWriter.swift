/// Rows on their way to the server through `COPY … FROM STDIN` in text format, sent about
/// 64 KiB of whole rows at a time (see ``PostgresConnection/copyIn(_:_:)``): small enough
/// that the server stores the first rows of a batch while the rest are still being written.
///
/// Write a row's fields in the COPY's column order, then ``endRow()``.
final class PostgresCopyWriter {
    private unowned let connection: PostgresConnection
    private var buffer = ByteBuffer(capacity: chunkSize + chunkSize / 4)
    /// Whether the row being written has a field already, so the next one needs a tab first.
    private var rowHasField = false

    /// Rows are sent once this many bytes are waiting.
    static let chunkSize = 1 << 16

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Writes a text field (nil for NULL).
    /// - Parameter field: names the value for an error, e.g. "label ID, column output".
    /// - Throws: ``PostgresError/nulCharacter(store:field:)`` when `value` holds U+0000.
    func text(_ value: String?, field: @autoclosure () -> String) throws(PostgresError) {
        separate()
        guard var value else {
            buffer.append("\\N")
            return
        }
        let written = value.withUTF8 { PostgresCopyText.appendField(UnsafeRawBufferPointer($0), to: &buffer) }
        guard written else { throw .nulCharacter(store: connection.url, field: field()) }
    }

    /// Writes an integer field.
    func integer(_ value: Int64) {
        separate()
        buffer.append(utf8: String(value))
    }

    /// Writes a `bytea` field: `\x` and the bytes in hex, the backslash escaped for COPY.
    func bytes(_ value: [UInt8]) {
        separate()
        buffer.append("\\\\x")
        buffer.append(utf8: SHA256Hex.hex(value))
    }

    /// Ends the row, and sends the rows waiting once they reach ``chunkSize``.
    func endRow() throws(PostgresError) {
        buffer.append(UInt8(ascii: "\n"))
        rowHasField = false
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends every row waiting.
    func flush() throws(PostgresError) {
        guard buffer.count > 0 else { return }
        let sent = buffer.withUnsafeBytes { connection.putCopyData($0) }
        buffer.removeAll()
        try sent.get()
    }

    private func separate() {
        if rowHasField { buffer.append(UInt8(ascii: "\t")) }
        rowHasField = true
    }
}
