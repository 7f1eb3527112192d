import Foundation

/// One template file of the workspace, `prompts/NAME/VERSION.EXT`, with its text's hash.
public struct PromptFile: Sendable, Equatable {
    /// The prompt's name and version label, from the folder and file names.
    public var version: PromptVersion
    /// The path relative to the workspace folder, e.g. `prompts/sentiment/v3.txt`.
    public var path: String
    /// SHA-256 of the file's text with CRLF turned to LF.
    public var sha256: String

    /// A template file with its version label, path and hash.
    public init(version: PromptVersion, path: String, sha256: String) {
        self.version = version
        self.path = path
        self.sha256 = sha256
    }

    /// The prompt this file's current text is, as a label refers to it.
    public var ref: PromptRef { version.ref(sha256: sha256) }

    /// The version label a file name gives: the name without its last extension
    /// (`v3.txt` → `v3`, `1.2.md` → `1.2`, `v3` → `v3`).
    public static func versionLabel(fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
    }

    /// Whether a file name is one a template can have (not hidden, not an editor backup, not
    /// the task's label schema `schema.json`).
    static func isTemplateName(_ fileName: String) -> Bool {
        fileName != TaskSchemas.fileName && !fileName.hasPrefix(".") && !fileName.hasSuffix("~") && !versionLabel(fileName: fileName).contains("@")
            && !fileName.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

/// The template files found in a `prompts/` folder.
public struct PromptDiscovery: Sendable, Equatable {
    /// Every template file, sorted by version then path.
    public var files: [PromptFile]

    /// The files of each version label; more than one means a duplicate version.
    public var filesByVersion: [PromptVersion: [PromptFile]] {
        Dictionary(grouping: files, by: \.version)
    }

    /// Version labels with more than one file, with their paths.
    public var duplicates: [(version: PromptVersion, paths: [String])] {
        filesByVersion.filter { $0.value.count > 1 }
            .map { ($0.key, $0.value.map(\.path)) }
            .sorted { $0.version < $1.version }
    }

    /// The single file of each version label, throwing for a label with several.
    /// - Throws: ``PromptError/duplicateVersion(_:paths:)`` for the first version with several files.
    public func uniqueFiles() throws(PromptError) -> [PromptFile] {
        if let duplicate = duplicates.first { throw .duplicateVersion(duplicate.version, paths: duplicate.paths) }
        return files
    }

    /// Reads every `prompts/NAME/VERSION.EXT` under `folder` (any extension).
    ///
    /// Hidden files and folders, editor backups (`…~`), label schemas (`schema.json`), files
    /// directly in `prompts/` (such as `prompts.lock`) and deeper folders are not templates.
    /// - Parameters:
    ///   - folder: the `prompts/` folder; a missing folder has no templates.
    ///   - pathPrefix: how reported paths begin, usually `prompts`.
    /// - Throws: ``PromptError/unreadable(path:reason:)`` when a template cannot be read.
    public static func scan(_ folder: URL, pathPrefix: String = "prompts") throws(PromptError) -> PromptDiscovery {
        let manager = FileManager.default
        var files: [PromptFile] = []
        for name in directoryEntries(folder) where !name.hasPrefix(".") && isDirectory(folder.appendingPathComponent(name)) {
            let nameFolder = folder.appendingPathComponent(name)
            for fileName in directoryEntries(nameFolder) where PromptFile.isTemplateName(fileName) {
                let url = nameFolder.appendingPathComponent(fileName)
                guard !isDirectory(url), manager.fileExists(atPath: url.path) else { continue }
                let bytes: Data
                do {
                    bytes = try Data(contentsOf: url)
                } catch {
                    throw .unreadable(path: "\(pathPrefix)/\(name)/\(fileName)", reason: error.localizedDescription)
                }
                let version = PromptVersion(name: name, version: PromptFile.versionLabel(fileName: fileName))
                files.append(PromptFile(version: version, path: "\(pathPrefix)/\(name)/\(fileName)", sha256: PromptHash.of(bytes: bytes)))
            }
        }
        files.sort { ($0.version, $0.path) < ($1.version, $1.path) }
        return PromptDiscovery(files: files)
    }

    private static func directoryEntries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
