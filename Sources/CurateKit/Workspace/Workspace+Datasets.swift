import Foundation

extension Workspace {
    /// `datasets/` of this workspace (in the current folder when there is no workspace).
    public var datasetsURL: URL {
        (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("datasets", isDirectory: true)
    }
}
