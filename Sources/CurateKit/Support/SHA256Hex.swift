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

    /// Lowercase hex of a digest, through a lookup table (formatting byte by byte is slow).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in digest {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
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
