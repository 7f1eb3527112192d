/// A file rendered from a dataset's manifest alone (`croissant.json`, `provenance.json`) and
/// written beside it, so the same manifest always gives the same bytes.
public protocol ManifestDocument: Sendable {
    /// The file's name inside a dataset folder.
    static var fileName: String { get }
    /// The document of the dataset `manifest` describes.
    init(manifest: Manifest)
    /// The document as a JSON value.
    var jsonValue: JSONValue { get }
}

extension ManifestDocument {
    /// The document as indented JSON with sorted keys and a final newline.
    public var jsonText: String {
        JSONWriter.pretty(jsonValue)
    }
}
