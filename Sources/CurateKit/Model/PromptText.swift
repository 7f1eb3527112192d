/// A prompt's template text (CRLF turned to LF, so its SHA-256 is the prompt's hash) and
/// where it was read from.
public struct PromptText: Sendable, Equatable {
    /// Name, version label, hash and text.
    public var prompt: PromptTarget
    /// Where the text was found.
    public var source: Source

    /// Where a prompt text was found.
    public enum Source: Sendable, Equatable {
        /// The template file at `path` (relative to the workspace).
        case file(path: String)
        /// A record that carried the text, kept in the store.
        case store
        /// The file at `path` as commit `commit` has it, in the workspace's git history.
        case git(commit: String, path: String)

        /// `file`, `store` or `git`.
        public var kind: String {
            switch self {
            case .file: "file"
            case .store: "store"
            case .git: "git"
            }
        }
    }

    /// A text with its source.
    public init(prompt: PromptTarget, source: Source) {
        self.prompt = prompt
        self.source = source
    }
}
