/// The identity of a prompt: the SHA-256 of its template text.
public enum PromptHash {
    /// The hex SHA-256 of `text` as UTF-8 with every CRLF turned to LF, so a
    /// template checked out on Windows has the same identity as on Linux.
    public static func of(_ text: String) -> String {
        of(bytes: text.utf8)
    }

    /// The hex SHA-256 of a template's bytes with every CRLF turned to LF.
    ///
    /// For UTF-8 text this equals ``of(_:)``; a file that is not valid UTF-8
    /// still gets a stable identity from its bytes.
    public static func of(bytes: some Collection<UInt8>) -> String {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous == 0x0D { normalized.removeLast() }
            normalized.append(byte)
            previous = byte
        }
        return SHA256Hex.digest(of: normalized)
    }

    /// The first 12 hex digits of a hash, as `NAME@VERSION#HASH12` shows it.
    public static func short(_ sha256: String) -> String {
        String(sha256.prefix(12))
    }
}
