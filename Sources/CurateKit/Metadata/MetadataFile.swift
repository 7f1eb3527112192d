import Foundation

/// The workspace's `curate.toml`: the metadata every dataset exported from the workspace
/// states (license, creator, version, citation, description, web page).
///
/// ```toml
/// [dataset]
/// license = "CC-BY-4.0"            # an SPDX id or a URL
/// version = "1.2.0"                # MAJOR.MINOR.PATCH
/// description = "Support tickets labelled by intent."
/// url = "https://example.com/datasets/intent"
/// citation = """
/// @misc{intent2026, title = {Intent labels}, year = {2026}}
/// """
///
/// [dataset.creator]
/// name = "Example Labs"
/// type = "organization"            # or "person" (the default)
/// url = "https://example.com"
/// email = "data@example.com"
/// ```
///
/// Every key is optional; an unknown table or key is an error, with the key meant when
/// one is near, so a typo never drops a value silently.
public enum MetadataFile {
    /// The file's name at the workspace root.
    public static let fileName = "curate.toml"

    /// The keys of each table, in the order the documentation lists them.
    static let keys: [(table: String, keys: [String])] = [
        ("dataset", ["description", "license", "version", "citation", "url"]),
        ("dataset.creator", ["name", "type", "url", "email"]),
    ]

    /// Reads `curate.toml` in `folder`; no file means no metadata.
    /// - Throws: ``MetadataError`` naming the file, line and what to write instead.
    public static func read(in folder: URL) throws(MetadataError) -> DatasetMetadata {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DatasetMetadata() }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: url.path, reason: "it is not UTF-8 text") }
        return try parse(text, path: url.path)
    }

    /// Reads the text of a `curate.toml`.
    /// - Parameter path: where the text came from, for messages.
    /// - Throws: ``MetadataError`` naming the line and what to write instead.
    public static func parse(_ text: String, path: String) throws(MetadataError) -> DatasetMetadata {
        let (entries, tables) = try TOMLSubset.parse(text, path: path)
        let knownTables = keys.map(\.table)
        for table in tables where !knownTables.contains(table.name) {
            throw .unknownKey(
                path: path, line: table.line, key: "[\(table.name)]", known: knownTables.map { "[\($0)]" },
                suggestion: NearMatch.suggestion(for: table.name, among: knownTables).map { "[\($0)]" })
        }
        var values: [String: String] = [:]
        for entry in entries {
            guard let known = keys.first(where: { $0.table == entry.table })?.keys else {
                throw .unknownKey(
                    path: path, line: entry.line, key: entry.key, known: ["[dataset] " + keys[0].keys.joined(separator: ", ")],
                    suggestion: keys[0].keys.contains(entry.key) ? "[dataset] \(entry.key)" : nil)
            }
            guard known.contains(entry.key) else {
                throw .unknownKey(
                    path: path, line: entry.line, key: entry.key, known: known,
                    suggestion: NearMatch.suggestion(for: entry.key, among: known))
            }
            let key = entry.table == "dataset" ? entry.key : "creator.\(entry.key)"
            try DatasetMetadata.check(key, entry.value, source: "\(path):\(entry.line)")
            values[key] = entry.value
        }
        var creator: DatasetMetadata.Creator?
        if let creatorTable = tables.first(where: { $0.name == "dataset.creator" }) {
            guard let name = values["creator.name"] else { throw .missingKey(path: "\(path):\(creatorTable.line)", table: "dataset.creator", key: "name") }
            creator = DatasetMetadata.Creator(
                name: name, kind: values["creator.type"].flatMap(DatasetMetadata.Creator.Kind.init(rawValue:)) ?? .person,
                url: values["creator.url"], email: values["creator.email"])
        }
        return DatasetMetadata(
            license: values["license"], creator: creator, version: values["version"], citation: values["citation"],
            description: values["description"], url: values["url"])
    }
}
