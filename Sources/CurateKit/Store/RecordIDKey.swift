import Crypto

/// The lookup key of a record id: 8 bytes a store can index and compare faster than the
/// id, computed on the parse workers rather than on the writer's thread.
enum RecordIDKey {
    /// The lookup key of a record id, a function of the id alone: for a content-hash id
    /// (64 hex digits) its first 16 digits as a signed integer, for any other id
    /// the first 8 bytes of its SHA-256. Keys may collide; lookups also compare the id.
    static func of(_ id: String) -> Int64 {
        if id.utf8.count == 64, let prefix = hexPrefix(of: id) ?? UInt64(id.prefix(16), radix: 16) {
            return Int64(bitPattern: prefix)
        }
        let digest = SHA256.hash(data: Array(id.utf8))
        return digest.withUnsafeBytes { bytes in
            bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    /// The value of the first 16 characters when they are all hex digits: the common case
    /// of ``of(_:)``, read straight from the UTF-8.
    private static func hexPrefix(of id: String) -> UInt64? {
        var id = id
        return id.withUTF8 { bytes -> UInt64? in
            var value: UInt64 = 0
            for byte in bytes.prefix(16) {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
    }
}
