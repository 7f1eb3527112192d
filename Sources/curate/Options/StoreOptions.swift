import ArgumentParser
import CurateKit
import Foundation

/// `--store PATH`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Use the store at PATH instead of the workspace's .curate/store.sqlite (or set CURATE_STORE).",
        valueName: "path"))
    var store: String?

    /// The explicit store, from the flag or else the environment.
    var explicitStore: String? {
        store ?? ProcessInfo.processInfo.environment["CURATE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The workspace of the current folder, with the store location resolved.
    func workspace(storeMustExist: Bool) throws -> Workspace {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try Workspace.locate(from: here, explicitStore: explicitStore, mustExist: storeMustExist)
    }

    /// `datasets/NAME` of the workspace, when `name` is a bare dataset name whose folder exists.
    func existingDataset(named name: String) -> URL? {
        guard !name.contains("/"), let workspace = try? workspace(storeMustExist: false),
              let folder = try? DatasetFolder(datasets: workspace.datasetsURL, name: name), folder.exists else { return nil }
        return folder.url
    }

    /// Opens the workspace's store.
    func openStore(mustExist: Bool) throws -> Store {
        try Store(path: workspace(storeMustExist: mustExist).storeURL.path)
    }
}
