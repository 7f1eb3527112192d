/// A set of prompt texts described by name, version label and hash, each of which
/// may be left open: what a prompt selector means once it is resolved.
///
/// Its canonical text is `NAME@VERSION` with `*` for an open part, then `#SHA256`
/// (64 hex digits) or `#unknown` when the hash is constrained: `*@v2` (every text
/// ever stored as v2, of any prompt), `sentiment@*`, `sentiment@v3#unknown`,
/// `*@*#791c66…` (one text, under whatever names it was stored).
public struct PromptPattern: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What a pattern says about the prompt's hash.
    public enum Hash: Sendable, Hashable {
        /// Any hash, known or not.
        case any
        /// Only labels whose prompt hash is not known.
        case unknown
        /// Exactly this text (lowercase hex SHA-256).
        case sha256(String)
    }

    /// The prompt name, or nil for any.
    public var name: String?
    /// The version label, or nil for any.
    public var version: String?
    /// The hash constraint.
    public var hash: Hash

    /// A pattern with the given parts; nil parts match anything.
    public init(name: String?, version: String?, hash: Hash) {
        self.name = name
        self.version = version
        self.hash = hash
    }

    /// Parses the canonical text (``description``); nil when it is not one.
    public init?(canonical text: String) {
        guard let selector = try? PromptSelector(parsing: text),
              case .pattern(let name, let version, let hash) = selector else { return nil }
        switch hash {
        case .any: self.init(name: name, version: version, hash: .any)
        case .unknown: self.init(name: name, version: version, hash: .unknown)
        case .prefix(let digits):
            guard SHA256Hex.isDigest(digits) else { return nil }
            self.init(name: name, version: version, hash: .sha256(digits))
        }
    }

    /// Whether `prompt` is one of the texts this pattern describes.
    public func matches(_ prompt: PromptRef) -> Bool {
        if let name, name != prompt.name { return false }
        if let version, version != prompt.version { return false }
        switch hash {
        case .any: return true
        case .unknown: return prompt.sha256 == nil
        case .sha256(let digest): return prompt.sha256 == digest
        }
    }

    /// `NAME@VERSION[#HASH]`, with `*` for an open name or version.
    public var description: String {
        let base = "\(name ?? "*")@\(version ?? "*")"
        switch hash {
        case .any: return base
        case .unknown: return base + "#unknown"
        case .sha256(let digest): return base + "#" + digest
        }
    }

    public static func < (lhs: PromptPattern, rhs: PromptPattern) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }
}
