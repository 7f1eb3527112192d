import CurateKit
import Foundation

extension StoreOptions {
    /// The folder holding `prompts/`, and the store when there is one, for commands that
    /// also work without a store (a CI checkout has none: the store is git-ignored).
    func promptsWorkspace() throws -> (root: URL, store: Store?) {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if explicitStore != nil {
            let workspace = try workspace(storeMustExist: true)
            return (workspace.promptsURL.deletingLastPathComponent(), try Store(path: workspace.storeURL.path))
        }
        if let workspace = try? Workspace.locate(from: here, explicitStore: nil, mustExist: true) {
            return (workspace.promptsURL.deletingLastPathComponent(), try Store(path: workspace.storeURL.path))
        }
        return (try PromptsFolder.locate(from: here), nil)
    }
}
