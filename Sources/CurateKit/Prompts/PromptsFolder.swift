import Foundation

/// Finds the folder that holds `prompts/` for the prompt commands.
///
/// `prompts lock` and `prompts check` need no store (a CI checkout has none, the
/// store being git-ignored), so they look for the workspace, or else for the nearest
/// folder from the current one upwards that holds `prompts/`.
public enum PromptsFolder {
    /// The folder holding `prompts/`: the workspace root when there is one, else the nearest
    /// folder from `directory` upwards with a `prompts/` folder.
    /// - Throws: ``PromptError/noPromptsFolder(searchedFrom:)`` when there is neither.
    public static func locate(from directory: URL) throws(PromptError) -> URL {
        if let workspace = try? Workspace.locate(from: directory, explicitStore: nil), let root = workspace.root {
            return root
        }
        var candidate = directory.standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            let prompts = candidate.appendingPathComponent("prompts")
            if FileManager.default.fileExists(atPath: prompts.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { throw .noPromptsFolder(searchedFrom: directory.path) }
            candidate = parent
        }
    }
}
