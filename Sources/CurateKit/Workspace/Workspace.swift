import Foundation

/// A curate workspace: a folder with `prompts/`, `datasets/` and the store in `.curate/`.
public struct Workspace: Sendable, Equatable {
    /// The workspace folder, when there is one (a `--store` elsewhere may have none).
    public let root: URL?
    /// The store's database file.
    public let storeURL: URL

    /// Folder names and files that make a workspace.
    public static let storeFolder = ".curate"
    public static let storeFile = "store.sqlite"

    public init(root: URL?, storeURL: URL) {
        self.root = root
        self.storeURL = storeURL
    }

    /// The store path of a workspace rooted at `root`.
    public static func storeURL(in root: URL) -> URL {
        root.appendingPathComponent(storeFolder).appendingPathComponent(storeFile)
    }

    /// `prompts/` of this workspace (in the current folder when there is no workspace).
    public var promptsURL: URL {
        (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("prompts")
    }

    /// Finds the workspace for a command run in `directory`.
    ///
    /// An explicit store (from `--store` or `CURATE_STORE`) wins; otherwise the first
    /// folder from `directory` upwards that holds `.curate/store.sqlite`. The store is not
    /// opened: ``Store/init(path:create:)`` refuses one that does not exist.
    public static func locate(from directory: URL, explicitStore: String?) throws(WorkspaceError) -> Workspace {
        let root = findRoot(from: directory)
        if let explicitStore {
            return Workspace(root: root, storeURL: resolve(explicitStore, against: directory))
        }
        guard let root else { throw .notFound(searchedFrom: directory.path) }
        return Workspace(root: root, storeURL: storeURL(in: root))
    }

    /// `path` as given when absolute, else inside `directory` (whether or not its URL ends in a slash).
    private static func resolve(_ path: String, against directory: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        return url.standardizedFileURL
    }

    private static func findRoot(from directory: URL) -> URL? {
        var candidate = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: storeURL(in: candidate).path) { return candidate }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
    }

    /// Makes (or completes) a workspace in `directory`: `prompts/`, `datasets/`,
    /// `.curate/` with a `.gitignore` that keeps the store out of git, and the store.
    /// Safe to run again: what exists is left as it is, and an existing store is opened
    /// (migrated), so a damaged one is reported here too.
    /// - Returns: the workspace and the paths it created.
    @discardableResult
    public static func create(in directory: URL, explicitStore: String? = nil) throws -> (Workspace, created: [String]) {
        let root = directory.standardizedFileURL
        let files = FileManager.default
        var created: [String] = []
        for folder in ["prompts", "datasets", storeFolder] {
            let url = root.appendingPathComponent(folder)
            guard !files.fileExists(atPath: url.path) else { continue }
            do {
                try files.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw WorkspaceError.cannotCreate(path: url.path, reason: error.localizedDescription)
            }
            created.append(folder + "/")
        }
        let ignore = root.appendingPathComponent(storeFolder).appendingPathComponent(".gitignore")
        if !files.fileExists(atPath: ignore.path) {
            do {
                try "# The store is local state, not source: keep it out of git.\n*\n".write(to: ignore, atomically: true, encoding: .utf8)
            } catch {
                throw WorkspaceError.cannotCreate(path: ignore.path, reason: error.localizedDescription)
            }
            created.append("\(storeFolder)/.gitignore")
        }
        let storeURL = explicitStore.map { resolve($0, against: root) } ?? storeURL(in: root)
        let storeIsNew = !files.fileExists(atPath: storeURL.path)
        if storeIsNew {
            let folder = storeURL.deletingLastPathComponent()
            do {
                try files.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw WorkspaceError.cannotCreate(path: folder.path, reason: error.localizedDescription)
            }
        }
        _ = try Store(path: storeURL.path, create: true)
        if storeIsNew { created.append(explicitStore ?? "\(storeFolder)/\(storeFile)") }
        return (Workspace(root: root, storeURL: storeURL), created)
    }
}
