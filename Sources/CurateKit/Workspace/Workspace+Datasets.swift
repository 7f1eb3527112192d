import Foundation

extension Workspace {
    /// `datasets/` of this workspace (in the current folder when there is no workspace).
    public var datasetsURL: URL {
        (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("datasets", isDirectory: true)
    }
}

extension Workspace {
    /// The dataset metadata of `curate.toml` beside `datasets/`; none when there is no such file.
    /// - Throws: ``MetadataError`` when the file cannot be read or holds something curate does not read.
    public func datasetMetadata() throws(MetadataError) -> DatasetMetadata {
        try MetadataFile.read(in: datasetsURL.deletingLastPathComponent())
    }
}
