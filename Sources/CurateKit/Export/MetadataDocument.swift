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
    /// - Parameters:
    ///   - provenance: whether `provenance.json` (PROV-JSON) is one of them (`--prov`).
    ///   - labelNames: each task's label names in class order, where they are known.
    ///   - outputStructs: the struct shape of each task's outputs, where its schema declares one.
    public static func all(
        for manifest: Manifest, provenance: Bool = false, labelNames: [String: [String]] = [:], outputStructs: [String: OutputStruct] = [:]
    ) -> [MetadataDocument] {
        var documents = [
            MetadataDocument(
                path: DatasetCard.fileName, text: DatasetCard(manifest: manifest, labelNames: labelNames, outputStructs: outputStructs).text),
            MetadataDocument(path: CroissantDocument.fileName, text: CroissantDocument(manifest: manifest, outputStructs: outputStructs).jsonText),
        ]
        if provenance {
            documents.append(MetadataDocument(path: ProvenanceDocument.fileName, text: ProvenanceDocument(manifest: manifest).jsonText))
        }
        return documents
    }
}
