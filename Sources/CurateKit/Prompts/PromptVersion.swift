/// A prompt's name and version label, `NAME@VERSION`, without a hash.
///
/// A version label is not an identity (an in-place edit gives one label two texts),
/// but it is what a lock entry, a template file and a record's `prompt` share.
/// Ordered by name, then version, comparing runs of digits as numbers so that
/// `v2` sorts before `v10`.
public struct PromptVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The prompt's name, e.g. `sentiment`.
    public var name: String
    /// The version label, e.g. `v3`.
    public var version: String

    /// A version from its two parts.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// Parses `NAME@VERSION`, split at the last `@` (a version label never holds one).
    public init?(parsing text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let name = String(text[..<at])
        let version = String(text[text.index(after: at)...])
        guard !name.isEmpty, !version.isEmpty else { return nil }
        self.init(name: name, version: version)
    }

    /// `NAME@VERSION`.
    public var description: String { "\(name)@\(version)" }

    /// This version with a hash, as a label refers to it.
    public func ref(sha256: String?) -> PromptRef {
        PromptRef(name: name, version: version, sha256: sha256)
    }

    /// Name first, then version label, numbers by value.
    public static func < (lhs: PromptVersion, rhs: PromptVersion) -> Bool {
        if lhs.name != rhs.name { return NaturalOrder.precedes(lhs.name, rhs.name) }
        return NaturalOrder.precedes(lhs.version, rhs.version)
    }
}

extension PromptRef {
    /// The name and version label, without the hash.
    public var promptVersion: PromptVersion { PromptVersion(name: name, version: version) }
}

/// A total, deterministic order on strings that compares runs of ASCII digits by value.
enum NaturalOrder {
    /// Whether `lhs` sorts before `rhs`: `v2` < `v10`; ties (`v01` and `v1`) fall back to bytes.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = chunks(lhs)
        let right = chunks(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.number(let x), .number(let y)):
                if x.count != y.count { return x.count < y.count }
                if x != y { return x.lexicographicallyPrecedes(y) }
            case (.text(let x), .text(let y)):
                return x.lexicographicallyPrecedes(y)
            case (.number, .text):
                return true
            case (.text, .number):
                return false
            }
        }
        if left.count != right.count { return left.count < right.count }
        return Array(lhs.utf8).lexicographicallyPrecedes(Array(rhs.utf8))
    }

    private enum Chunk: Equatable {
        /// Digits with leading zeros removed.
        case number([UInt8])
        case text([UInt8])
    }

    private static func chunks(_ text: String) -> [Chunk] {
        var result: [Chunk] = []
        var current: [UInt8] = []
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            if inDigits {
                let trimmed = Array(current.drop { $0 == UInt8(ascii: "0") })
                result.append(.number(trimmed))
            } else {
                result.append(.text(current))
            }
            current = []
        }
        for byte in text.utf8 {
            let isDigit = (0x30...0x39).contains(byte)
            if isDigit != inDigits {
                flush()
                inDigits = isDigit
            }
            current.append(byte)
        }
        flush()
        return result
    }
}
