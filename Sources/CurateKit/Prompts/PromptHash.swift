/// The identity of a prompt: the SHA-256 of its template text.
public enum PromptHash {
    /// The hex SHA-256 of `text` as UTF-8 with every CRLF turned to LF, so a
    /// template checked out on Windows has the same identity as on Linux.
    public static func of(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A, previous == 0x0D { bytes.removeLast() }
            bytes.append(byte)
            previous = byte
        }
        return SHA256Hex.digest(of: bytes)
    }
}
