/// A document an export renders from its manifest and writes beside it, such as the
/// dataset card; the manifest lists each with its SHA-256 (`metadata_files`), so `verify`
/// and `diff` cover it like a data file.
public struct MetadataDocument: Sendable, Hashable {
    /// Its path relative to the dataset folder.
    public var path: String
    /// Its whole text (UTF-8).
    public var text: String

    /// A document `text` to write at `path`.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Every metadata document of a dataset, rendered from `manifest` (its own
    /// ``Manifest/metadataFiles`` are not read); a new document is one more line here.
    /// - Parameter labelNames: each task's label names in class order, where they are known.
    public static func all(for manifest: Manifest, labelNames: [String: [String]] = [:]) -> [MetadataDocument] {
        [
            MetadataDocument(path: DatasetCard.fileName, text: DatasetCard(manifest: manifest, labelNames: labelNames).text),
        ]
    }
}
