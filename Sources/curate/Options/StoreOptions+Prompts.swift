import CurateKit
import Foundation

extension StoreOptions {
    /// The folder holding `prompts/`, and the store when there is one, for commands that
    /// also work without a store (a CI checkout has none: the store is git-ignored).
    func promptsWorkspace() throws -> (root: URL, store: Store?) {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if explicitStore == nil, (try? workspace()) == nil {
            return (try PromptsFolder.locate(from: here), nil)
        }
        let (workspace, store) = try openStore()
        return (workspace.promptsURL.deletingLastPathComponent(), store)
    }
}
