import ArgumentParser
import CurateKit
import Foundation

/// `--store PATH|URL`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Use the store at PATH, or the PostgreSQL database at a postgresql:// URL, instead of the workspace's .curate/store.sqlite (or set CURATE_STORE).",
        valueName: "path-or-url"))
    var store: String?

    /// The explicit store, from the flag or else the environment.
    var explicitStore: String? {
        store ?? ProcessInfo.processInfo.environment["CURATE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The workspace of the current folder, with the store location resolved; the store is not opened.
    func workspace() throws -> Workspace {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try Workspace.locate(from: here, explicitStore: explicitStore)
    }

    /// `datasets/NAME` of the workspace, when `name` is a bare dataset name whose folder exists.
    func existingDataset(named name: String) -> URL? {
        guard !name.contains("/"), let workspace = try? workspace(),
              let folder = try? DatasetFolder(datasets: workspace.datasetsURL, name: name), folder.exists else { return nil }
        return folder.url
    }

    /// The workspace and its store, opened: the one place a command opens the store. The store
    /// must exist (only `curate init` makes one), so a mistyped path stops with exit 2.
    func openStore() throws -> (workspace: Workspace, store: Store) {
        let workspace = try workspace()
        return (workspace, try Store(workspace.store))
    }
}
