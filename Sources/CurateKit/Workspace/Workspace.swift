import Foundation

/// A curate workspace: a folder with `prompts/`, `datasets/` and `.curate/`, where the
/// SQLite store lives unless the workspace shares a PostgreSQL one.
public struct Workspace: Sendable, Equatable {
    /// The workspace folder, when there is one (a `--store` elsewhere may have none).
    public let root: URL?
    /// The store: the workspace's SQLite file, or the one `--store`/`CURATE_STORE` names.
    public let store: StoreLocation

    /// Folder names and files that make a workspace.
    public static let storeFolder = ".curate"
    public static let storeFile = "store.sqlite"

    public init(root: URL?, store: StoreLocation) {
        self.root = root
        self.store = store
    }

    /// The store path of a workspace rooted at `root`.
    public static func storeURL(in root: URL) -> URL {
        root.appendingPathComponent(storeFolder).appendingPathComponent(storeFile)
    }

    /// The folder for curate's local files (reject files): beside a SQLite store, else the
    /// workspace's `.curate/` (in the current folder when there is no workspace).
    public var localStateURL: URL {
        if let path = store.filePath { return URL(fileURLWithPath: path).deletingLastPathComponent() }
        return (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(Self.storeFolder)
    }

    /// `prompts/` of this workspace (in the current folder when there is no workspace).
    public var promptsURL: URL {
        (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("prompts")
    }

    /// Finds the workspace for a command run in `directory`.
    ///
    /// An explicit store (from `--store` or `CURATE_STORE`: a path, or a `postgresql://`
    /// URL) wins, and the workspace is the first folder from `directory` upwards with a
    /// `.curate/` folder; otherwise the workspace is the first folder upwards that holds
    /// `.curate/store.sqlite`, and that is the store. The store is not opened: ``Store``
    /// refuses one that does not exist.
    public static func locate(from directory: URL, explicitStore: String?) throws(WorkspaceError) -> Workspace {
        if let explicitStore {
            let root = findRoot(from: directory) { $0.appendingPathComponent(storeFolder) }
            return Workspace(root: root, store: StoreLocation(explicitStore, relativeTo: directory))
        }
        guard let root = findRoot(from: directory, holding: storeURL(in:)) else { throw .notFound(searchedFrom: directory.path) }
        return Workspace(root: root, store: .sqlite(path: storeURL(in: root).path))
    }

    /// The first folder from `directory` upwards in which `marker` exists.
    private static func findRoot(from directory: URL, holding marker: (URL) -> URL) -> URL? {
        var candidate = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: marker(candidate).path) { return candidate }
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
        let store = explicitStore.map { StoreLocation($0, relativeTo: root) } ?? .sqlite(path: storeURL(in: root).path)
        var storeIsNew = false
        if let path = store.filePath, !files.fileExists(atPath: path) {
            storeIsNew = true
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try files.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw WorkspaceError.cannotCreate(path: folder.path, reason: error.localizedDescription)
            }
        }
        if case .postgres = store {
            // A database is made by its server's owner; init sets up the store's schema in it.
            do {
                _ = try Store(store)
            } catch PostgresError.notACurateStore {
                storeIsNew = true
            }
        }
        _ = try Store(store, create: true)
        if storeIsNew {
            // As given, but a PostgreSQL URL as it is shown, password masked.
            created.append(store.filePath == nil ? store.description : explicitStore ?? "\(storeFolder)/\(storeFile)")
        }
        return (Workspace(root: root, store: store), created)
    }
}
