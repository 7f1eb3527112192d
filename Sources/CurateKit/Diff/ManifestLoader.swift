import Foundation

/// Reads a manifest for a diff, telling apart a file that is not a manifest at all from
/// a curate manifest of another format version.
enum ManifestLoader {
    /// Parses manifest bytes read from `source` (a path, or `REV:PATH`).
    static func parse(_ data: Data, source: String) throws(DiffError) -> Manifest {
        guard let text = String(data: data, encoding: .utf8) else { throw .notAManifest(path: source, reason: "it is not UTF-8 text") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw .notAManifest(path: source, reason: "not JSON at byte \(error.offset + 1): \(error.reason)")
        }
        guard case .object = value else { throw .notAManifest(path: source, reason: "it is \(value.typeDescription), not an object") }
        guard case .string(let format)? = value["format"] else {
            throw .notAManifest(path: source, reason: "it has no \"format\" field")
        }
        guard format == Manifest.formatIdentifier else {
            if format.hasPrefix("curate.manifest/") { throw .unknownFormatVersion(path: source, found: format) }
            throw .notAManifest(path: source, reason: "its format is \"\(format)\", not \"\(Manifest.formatIdentifier)\"")
        }
        do {
            return try Manifest(json: value, source: source)
        } catch {
            throw notAManifest(error, source: source)
        }
    }

    /// A manifest error found while reading `source`, as a diff reports it.
    static func notAManifest(_ error: ExportError, source: String) -> DiffError {
        if case .invalidManifest(_, let reason) = error { return .notAManifest(path: source, reason: reason) }
        return .notAManifest(path: source, reason: error.localizedDescription)
    }

    /// Reads the manifest file at `path`.
    static func read(path: String, source: String) throws(DiffError) -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .missingFile(path: source) }
            throw .unreadable(path: source, reason: error.localizedDescription)
        }
        return try parse(data, source: source)
    }
}
