/// A prompt text to regenerate labels with: its name, version label, hash and the text itself.
public struct PromptTarget: Sendable, Hashable {
    /// The prompt's name.
    public var name: String
    /// Its version label.
    public var version: String
    /// SHA-256 of ``text`` (CRLF turned to LF).
    public var sha256: String
    /// The template text, so a regeneration job needs nothing else.
    public var text: String

    /// A target with every field given.
    public init(name: String, version: String, sha256: String, text: String) {
        self.name = name
        self.version = version
        self.sha256 = sha256
        self.text = text
    }

    /// `NAME@VERSION#HASH12`.
    public var shortForm: String {
        PromptRef(name: name, version: version, sha256: sha256).shortForm
    }
}
