import Foundation

/// One side of a diff: a dataset's manifest and the folder that holds its data files.
///
/// Made from what the user typed: a dataset folder, its `manifest.json`, or `REV:PATH`,
/// which reads the dataset as it was in git revision `REV` (its files are copied, one at a
/// time, into a temporary folder that is removed when the source goes away). Either way
/// its files are checked against its manifest first, as `curate verify` does.
public struct DatasetSource: Sendable {
    /// The dataset as the user named it, for display.
    public let label: String
    /// Its manifest.
    public let manifest: Manifest
    /// The folder holding its data files.
    let folder: URL
    /// Keeps a temporary copy from git alive as long as the source.
    private let checkout: TemporaryFolder?

    init(label: String, manifest: Manifest, folder: URL, checkout: TemporaryFolder? = nil) {
        self.label = label
        self.manifest = manifest
        self.folder = folder
        self.checkout = checkout
    }

    /// Loads the dataset named by `argument`.
    ///
    /// An existing file or folder is read from disk. Otherwise `REV:PATH` (split at the
    /// first colon) is read from git: `PATH` is relative to `directory` (or absolute inside
    /// the repository) and names a dataset folder or its manifest.
    /// - Parameters:
    ///   - argument: the path or `REV:PATH`.
    ///   - label: how to name the dataset in the output; `argument` by default.
    ///   - directory: the folder relative paths start from, and where git runs.
    ///   - environment: where `PATH` and `CURATE_GIT` are read to find git.
    /// - Throws: ``DiffError`` when there is no dataset, no manifest, or git cannot read it.
    public static func load(
        _ argument: String, label: String? = nil, relativeTo directory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DiffError) -> DatasetSource {
        let label = label ?? argument
        let local = (argument.hasPrefix("/") ? URL(fileURLWithPath: argument) : directory.appendingPathComponent(argument)).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: local.path, isDirectory: &isFolder) {
            let manifestURL = isFolder.boolValue ? local.appendingPathComponent(Manifest.fileName) : local
            let manifest = try ManifestLoader.read(path: manifestURL.path, source: manifestURL.path)
            let folder = manifestURL.deletingLastPathComponent()
            try verify(manifest, in: folder, label: label, source: manifestURL.path)
            return DatasetSource(label: label, manifest: manifest, folder: folder)
        }
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else { throw .missingFile(path: local.path) }
        let revision = String(argument[..<colon])
        let path = String(argument[argument.index(after: colon)...])
        let fetcher = try GitDatasetFetcher(directory: directory, environment: environment)
        let checkout = try TemporaryFolder()
        let manifest = try fetcher.fetch(revision: revision, path: path.isEmpty ? "." : path, into: checkout.url)
        try verify(manifest, in: checkout.url, label: label, source: argument)
        return DatasetSource(label: label, manifest: manifest, folder: checkout.url, checkout: checkout)
    }

    /// Checks the data files, the record sidecar and the metadata files in `folder` against `manifest`, as
    /// `curate verify` does: a diff of files that are not what their manifest says would
    /// report on something else (a manifest whose files changed or went missing could
    /// compare "same").
    /// - Throws: ``DiffError/datasetDoesNotVerify(dataset:problems:)`` naming each difference.
    private static func verify(_ manifest: Manifest, in folder: URL, label: String, source: String) throws(DiffError) {
        let problems: [VerificationReport.Problem]
        do {
            problems = try DatasetVerifier.problems(of: manifest, in: folder, manifestPath: source)
        } catch {
            throw ManifestLoader.notAManifest(error, source: source)
        }
        guard problems.isEmpty else { throw .datasetDoesNotVerify(dataset: label, problems: problems.map(\.description)) }
    }
}

/// A temporary folder removed when the last reference to it goes away, or when the
/// command is interrupted (it is registered with ``ScratchFolders``). Its name holds the
/// process id, `curate-diff-PID-UUID`, so the next diff removes those of processes that were
/// killed before they could.
final class TemporaryFolder: Sendable {
    let url: URL
    private static let prefix = "curate-diff-"

    init() throws(DiffError) {
        Self.removeLeftovers()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(Self.prefix)\(getpid())-\(UUID().uuidString)", isDirectory: true)
        do {
            try ScratchFolders.withFolders { folders in
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                folders[url.path] = -1
            }
        } catch {
            throw .unreadable(path: url.path, reason: "cannot make a temporary folder: \(error.localizedDescription)")
        }
        self.url = url
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
        ScratchFolders.forget(url)
    }

    /// Removes the temporary folders of diffs whose process is gone (killed with SIGKILL, or
    /// by a power cut); a folder of a live process, or one whose name holds no pid, is kept.
    private static func removeLeftovers() {
        let folder = FileManager.default.temporaryDirectory
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = pid_t(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
    }
}
