import Foundation

/// One commit that touched a file, as `git log --follow` reports it.
public struct FileRevision: Sendable, Equatable {
    /// The full commit id.
    public var commit: String
    /// The commit time (not the author time): when the text became part of this history.
    public var committedAt: Timestamp
    /// The file's path after the commit, relative to the workspace folder when inside it.
    public var path: String
    /// The file's blob after the commit; nil when the commit deleted it.
    public var blob: String?

    /// A revision with every field given.
    public init(commit: String, committedAt: Timestamp, path: String, blob: String?) {
        self.commit = commit
        self.committedAt = committedAt
        self.path = path
        self.blob = blob
    }
}

/// Reads the history of prompt files from the git repository around a workspace.
///
/// Every call is one `git` process: `git log --follow --raw` for a file's commits
/// and blobs, and `git cat-file --batch` for many blobs at once.
public struct GitHistory: Sendable {
    private let git: GitRunner
    /// The workspace folder's path inside the repository (`""` at its top, else ending in `/`).
    private let prefix: String
    /// Whether the clone is shallow, so its history may start later than the file's.
    public let isShallow: Bool
    /// Whether the repository has a commit at all (a fresh `git init` has none).
    private let hasCommits: Bool

    /// Opens the repository that holds `directory`.
    /// - Parameters:
    ///   - directory: the workspace folder (the one holding `prompts/`).
    ///   - environment: where `PATH` and `CURATE_GIT` are read.
    /// - Throws: ``PromptError/gitMissing`` without git, ``PromptError/notAGitRepository(path:)``
    ///   outside a work tree.
    public init(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PromptError) {
        guard let executable = GitRunner.locate(environment: environment) else { throw .gitMissing }
        git = GitRunner(executable: executable, directory: directory)
        let probe = try git.run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix"])
        let lines = String(decoding: probe.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard probe.status == 0, lines.first == "true" else {
            if probe.status != 0, !probe.message.lowercased().contains("not a git repository") {
                throw .gitFailed(command: "git rev-parse", status: probe.status, message: probe.message)
            }
            throw .notAGitRepository(path: directory.path)
        }
        isShallow = lines.count > 1 && lines[1] == "true"
        prefix = lines.count > 2 ? lines[2] : ""
        hasCommits = try git.run(["rev-parse", "--quiet", "--verify", "HEAD^{commit}"]).status == 0
    }

    /// The commits that touched `path` (following renames), oldest first by commit time.
    ///
    /// Commits with equal times keep git's order. Merge commits carry no change of their own.
    /// - Parameter path: relative to the workspace folder, e.g. `prompts/sentiment/v3.txt`.
    public func revisions(of path: String) throws(PromptError) -> [FileRevision] {
        guard hasCommits else { return [] }
        let output = try git.output([
            "log", "--follow", "--no-color", "--format=%x01%H %ct", "-z", "--raw", "--no-abbrev", "--", path,
        ])
        return try Self.parseLog(output, prefix: prefix).reversed().enumerated()
            .sorted { ($0.element.committedAt, $0.offset) < ($1.element.committedAt, $1.offset) }
            .map(\.element)
    }

    /// The most recent path in history whose file was `prompts/NAME/VERSION` or `prompts/NAME/VERSION.EXT`,
    /// for a version whose file is gone from the work tree.
    public func lastPath(of version: PromptVersion, promptsFolder: String = "prompts") throws(PromptError) -> String? {
        guard hasCommits else { return nil }
        let folder = "\(promptsFolder)/\(version.name)/"
        let output = try git.output(["log", "--no-color", "--format=", "--name-only", "-z", "--", ":(literal)" + folder])
        for field in output.split(separator: 0) {
            let path = Self.relative(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .newlines), prefix: prefix)
            guard path.hasPrefix(folder) else { continue }
            let fileName = String(path.dropFirst(folder.count))
            if !fileName.contains("/"), PromptFile.isTemplateName(fileName), PromptFile.versionLabel(fileName: fileName) == version.version {
                return path
            }
        }
        return nil
    }

    /// The contents of many blobs, read by one `git cat-file --batch`.
    /// - Returns: each blob's bytes by id; ids git does not have are left out.
    public func blobs(_ ids: [String]) throws(PromptError) -> [String: [UInt8]] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        let request = Data(unique.map { $0 + "\n" }.joined().utf8)
        let output = [UInt8](try git.output(["cat-file", "--batch"], input: request))
        var blobs: [String: [UInt8]] = [:]
        var index = 0
        while index < output.count {
            guard let newline = output[index...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: output[index..<newline], as: UTF8.self).split(separator: " ")
            index = newline + 1
            guard header.count == 3, let size = Int(header[2]), index + size <= output.count else { continue }
            blobs[String(header[0])] = Array(output[index..<(index + size)])
            index += size + 1
        }
        return blobs
    }

    /// Parses `git log --format=%x01%H %ct -z --raw`: per commit, `\u{1}HASH TIME\0` then
    /// `\n:modes blobs STATUS\0path\0` (a rename or copy has two paths, the new one last).
    /// - Throws: ``PromptError/commitTimeOutOfRange(commit:seconds:)`` for a commit dated outside
    ///   the supported times (git takes any date a committer gives).
    static func parseLog(_ output: Data, prefix: String) throws(PromptError) -> [FileRevision] {
        var revisions: [FileRevision] = []
        for record in output.split(separator: 0x01) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let header = fields.first?.split(separator: " "), header.count == 2, let seconds = Int64(header[1]) else { continue }
            guard (Timestamp.earliestSecond...Timestamp.latestSecond).contains(seconds) else {
                throw .commitTimeOutOfRange(commit: String(header[0]), seconds: seconds)
            }
            var index = 1
            while index < fields.count {
                let raw = fields[index].trimmingCharacters(in: .newlines)
                index += 1
                guard raw.hasPrefix(":") else { continue }
                let parts = raw.split(separator: " ")
                guard parts.count >= 5 else { continue }
                let status = parts[4]
                let pathCount = status.hasPrefix("R") || status.hasPrefix("C") ? 2 : 1
                guard index + pathCount <= fields.count else { break }
                let path = fields[index + pathCount - 1]
                index += pathCount
                let blob = String(parts[3])
                let deleted = status.hasPrefix("D") || blob.allSatisfy { $0 == "0" }
                revisions.append(FileRevision(
                    commit: String(header[0]),
                    committedAt: Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000),
                    path: relative(path, prefix: prefix),
                    blob: deleted ? nil : blob
                ))
            }
        }
        return revisions
    }

    private static func relative(_ path: String, prefix: String) -> String {
        !prefix.isEmpty && path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

extension GitHistory {
    /// The timelines of several prompt versions: one `git log` per version and one
    /// `git cat-file --batch` for every blob.
    /// - Parameter paths: each version's file, relative to the workspace (the current
    ///   file, or the last path it had).
    /// - Returns: a timeline per version; one with no spans when the file has no commits.
    public func timelines(_ paths: [PromptVersion: String]) throws(PromptError) -> [PromptVersion: PromptTimeline] {
        var revisions: [PromptVersion: [FileRevision]] = [:]
        for (version, path) in paths {
            revisions[version] = try self.revisions(of: path)
        }
        let blobs = try blobs(revisions.values.flatMap { $0.compactMap(\.blob) })
        var timelines: [PromptVersion: PromptTimeline] = [:]
        for (version, path) in paths {
            timelines[version] = PromptTimeline(version: version, path: path, revisions: revisions[version] ?? [], blobs: blobs)
        }
        return timelines
    }

    /// The file to read for `version`: its one file in the work tree, else the last path
    /// it had in history; nil when there is neither (or the work tree has several).
    public func path(of version: PromptVersion, in discovery: PromptDiscovery) throws(PromptError) -> String? {
        let files = discovery.filesByVersion[version] ?? []
        if files.count == 1 { return files[0].path }
        if files.count > 1 { return nil }
        return try lastPath(of: version)
    }
}
