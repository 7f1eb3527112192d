import Foundation

/// Reads a dataset as it was in a git revision, through ``GitRunner``: `git cat-file`
/// for the manifest, then for each data file it lists.
struct GitDatasetFetcher {
    private let git: GitRunner
    private let directory: URL

    /// Opens the repository around `directory`, where git runs and relative paths start.
    /// - Throws: ``DiffError/gitMissing`` without git, ``DiffError/notAGitRepository(path:)`` outside a work tree.
    init(directory: URL, environment: [String: String]) throws(DiffError) {
        guard let executable = GitRunner.locate(environment: environment) else { throw .gitMissing }
        git = GitRunner(executable: executable, directory: directory)
        self.directory = directory
        let probe = try run(["rev-parse", "--is-inside-work-tree"])
        guard probe.status == 0, String(decoding: probe.stdout, as: UTF8.self).hasPrefix("true") else {
            throw .notAGitRepository(path: directory.path)
        }
    }

    /// Copies the data files, the record sidecar and the metadata files of the dataset at
    /// `path` in `revision` into `folder`, and reads its manifest.
    /// - Parameter path: a dataset folder or its manifest, relative to the directory or absolute.
    /// - Returns: the manifest.
    /// - Throws: ``DiffError/gitRevisionNotFound(revision:)``, ``DiffError/missingInRevision(revision:path:)``,
    ///   or a manifest error naming `REV:PATH`.
    func fetch(revision: String, path: String, into folder: URL) throws(DiffError) -> Manifest {
        guard !revision.hasPrefix("-"),
              try run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"]).status == 0
        else { throw .gitRevisionNotFound(revision: revision) }
        let spec = try objectPath(path)
        let type = try run(["cat-file", "-t", "\(revision):\(spec)"])
        guard type.status == 0 else { throw .missingInRevision(revision: revision, path: path) }
        let isFolder = String(decoding: type.stdout, as: UTF8.self).hasPrefix("tree")
        let folderSpec = isFolder ? spec : Self.parent(of: spec)
        let manifestSpec = isFolder ? Self.join(spec, Manifest.fileName) : spec
        let manifestPath = isFolder ? Self.join(path, Manifest.fileName) : path
        let source = "\(revision):\(manifestPath)"

        let manifest = try ManifestLoader.parse(try blob(revision, manifestSpec, shownAs: manifestPath), source: source)
        for name in manifest.files.map(\.path) + [manifest.records.path] + manifest.metadataFiles.map(\.path) {
            guard DatasetLayout.isInsideFolder(name) else {
                throw .notAManifest(path: source, reason: "file path \"\(name)\" is not a path inside the dataset folder")
            }
            let shown = Self.join(isFolder ? path : Self.parent(of: path), name)
            let data = try blob(revision, Self.join(folderSpec, name), shownAs: shown)
            let copy = folder.appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: copy)
            } catch {
                throw .unreadable(path: "\(revision):\(shown)", reason: "cannot copy it to \(folder.path): \(error.localizedDescription)")
            }
        }
        return manifest
    }

    /// The blob at `REV:SPEC`.
    private func blob(_ revision: String, _ spec: String, shownAs path: String) throws(DiffError) -> Data {
        let result = try run(["cat-file", "blob", "\(revision):\(spec)"])
        guard result.status == 0 else { throw .missingInRevision(revision: revision, path: path) }
        return result.stdout
    }

    /// `path` as git reads it after `REV:`: `./PATH` relative to the directory, or an
    /// absolute path made relative to the repository's top.
    private func objectPath(_ path: String) throws(DiffError) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard path.hasPrefix("/") else {
            if path == "." || path == "./" { return "./" }
            return path.hasPrefix("./") || path.hasPrefix("../") ? path : "./" + path
        }
        let top = try run(["rev-parse", "--show-toplevel"])
        guard top.status == 0 else { throw .gitFailed(command: "git rev-parse --show-toplevel", message: top.message) }
        let root = URL(fileURLWithPath: String(decoding: top.stdout, as: UTF8.self).trimmingCharacters(in: .newlines))
            .resolvingSymlinksInPath().path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if absolute == root { return "" }
        guard absolute.hasPrefix(root + "/") else { throw .outsideRepository(path: path, repository: root) }
        return String(absolute.dropFirst(root.count + 1))
    }

    private func run(_ arguments: [String]) throws(DiffError) -> GitRunner.Output {
        do {
            return try git.run(arguments)
        } catch {
            throw .gitFailed(command: "git \(arguments.first ?? "")", message: error.localizedDescription)
        }
    }

    /// `folder/name`, or `name` when `folder` is empty or `.`.
    static func join(_ folder: String, _ name: String) -> String {
        var base = folder
        while base.hasSuffix("/"), base.count > 1 { base.removeLast() }
        return base.isEmpty || base == "." ? name : base + "/" + name
    }

    /// Everything before the last `/` of `path` (`.` when there is none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
