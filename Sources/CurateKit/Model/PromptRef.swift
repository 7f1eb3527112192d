/// A prompt as a label refers to it: name, version label and, when known, the
/// SHA-256 of its template text.
public struct PromptRef: Sendable, Hashable, Codable, Comparable {
    /// The prompt's name, e.g. `sentiment`.
    public var name: String
    /// The version label, e.g. `v3`. Not an identity: one label can name several texts.
    public var version: String
    /// Lowercase hex SHA-256 of the template text (CRLF turned to LF), or nil when unknown.
    public var sha256: String?

    public init(name: String, version: String, sha256: String?) {
        self.name = name
        self.version = version
        self.sha256 = sha256
    }

    /// `NAME@VERSION#HASH12`, the form a person reads; `#unknown` when there is no hash.
    public var shortForm: String {
        "\(name)@\(version)#\(sha256.map { String($0.prefix(12)) } ?? "unknown")"
    }

    public static func < (lhs: PromptRef, rhs: PromptRef) -> Bool {
        (lhs.name, lhs.version, lhs.sha256 ?? "") < (rhs.name, rhs.version, rhs.sha256 ?? "")
    }
}
