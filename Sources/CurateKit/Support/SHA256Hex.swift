import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, the form `curate` stores and prints.
public enum SHA256Hex {
    /// The hex SHA-256 of `bytes`.
    public static func digest(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The hex SHA-256 of a string's UTF-8.
    public static func digest(of text: String) -> String {
        digest(of: Array(text.utf8))
    }

    /// Lowercase hex of a digest, through a lookup table (formatting byte by byte is slow),
    /// written straight into the string's storage.
    static func hex(_ digest: some ContiguousBytes) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { output in
                for (position, byte) in bytes.enumerated() {
                    output[2 * position] = hexDigits[Int(byte >> 4)]
                    output[2 * position + 1] = hexDigits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }

    /// `text` in lowercase when it is 64 hex digits (either case), the form `curate` stores; nil otherwise.
    public static func normalized(_ text: String) -> String? {
        var copy = text
        let (isDigest, hasCapitals) = copy.withUTF8 { bytes -> (Bool, Bool) in
            guard bytes.count == 64 else { return (false, false) }
            var hasCapitals = false
            for byte in bytes {
                guard byte.isHexDigit else { return (false, false) }
                if byte < UInt8(ascii: "a") && byte > UInt8(ascii: "9") { hasCapitals = true }
            }
            return (true, hasCapitals)
        }
        guard isDigest else { return nil }
        return hasCapitals ? text.lowercased() : text
    }

    /// Whether `text` is 64 hex digits (either case).
    public static func isDigest(_ text: String) -> Bool {
        normalized(text) != nil
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

extension UInt8 {
    /// Whether this byte is an ASCII hex digit.
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
    }
}
