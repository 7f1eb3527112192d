/// One prompt row of a store being copied: a text (or an unknown text) of a version label.
struct CopiedPrompt: Sendable, Equatable {
    /// The row's id in the source, which tuples refer to.
    var id: Int64
    var name: String
    var version: String
    /// The template's hash; nil while the text behind the version label is unknown.
    var sha256: String?
    /// The template, when a record or the workspace supplied it.
    var text: String?
}
