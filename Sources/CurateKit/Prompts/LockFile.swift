import Foundation

/// `prompts/prompts.lock`: the texts each prompt version label was released with.
///
/// The file is plain text, one line per text, sorted by name and version:
///
/// ```
/// # curate.prompts.lock/1 (comments …)
/// sentiment@v2 f199d064a35560f370996fb362a51d2d3a358da1596b078f6f85d85deabf2460
/// sentiment@v3 791c662112b3c037d2998d29918976e10d4d68487caae1c3f24cb7d75a0f12c3
/// sentiment@v3 6dbc6211490835e29fafac47170b99d6de1020b00282410d277bd55a1a1a6c79
/// ```
///
/// A version's lines keep the order its texts were locked in; the last is the
/// current one. The lock never forgets a hash: re-locking an edited version adds
/// a line, and a version whose file is gone keeps its lines.
public struct LockFile: Sendable, Equatable {
    /// The format marker on the first line; a reader refuses any other version.
    public static let formatLine = "# curate.prompts.lock/1"
    /// The lock's file name inside `prompts/`.
    public static let fileName = "prompts.lock"

    /// Every locked version's hashes, oldest first.
    public private(set) var entries: [PromptVersion: [String]]

    /// A lock with the given entries.
    public init(entries: [PromptVersion: [String]] = [:]) {
        self.entries = entries.filter { !$0.value.isEmpty }
    }

    /// The hashes locked for `version`, oldest first (empty when it is not locked).
    public func hashes(of version: PromptVersion) -> [String] {
        entries[version] ?? []
    }

    /// The current locked text of `version`: its last hash.
    public func current(_ version: PromptVersion) -> String? {
        entries[version]?.last
    }

    /// Records `sha256` as the current text of `version`: appended when new, moved
    /// to the end when the version returns to an earlier locked text.
    /// - Returns: whether the lock changed.
    @discardableResult
    public mutating func lock(_ version: PromptVersion, sha256: String) -> Bool {
        var hashes = entries[version] ?? []
        guard hashes.last != sha256 else { return false }
        hashes.removeAll { $0 == sha256 }
        hashes.append(sha256)
        entries[version] = hashes
        return true
    }

    /// The file's bytes: header, then one `NAME@VERSION SHA256` line per text, sorted by version.
    public func rendered() -> String {
        var text = Self.formatLine + "\n" + Self.header
        for version in entries.keys.sorted() {
            for sha256 in entries[version] ?? [] {
                text += "\(version) \(sha256)\n"
            }
        }
        return text
    }

    private static let header = """
        # Written by `curate prompts lock`; commit it with the templates.
        # One line per released text: NAME@VERSION and the SHA-256 of the template's
        # UTF-8 text with CRLF turned to LF. Sorted by name and version; a version's
        # lines keep the order they were locked in, the last one is its current text.

        """

    /// Parses a lock file's text.
    /// - Parameter path: the path named in errors.
    /// - Throws: ``PromptError/malformedLock(path:line:reason:)`` naming the first bad line.
    public init(parsing text: String, path: String) throws(PromptError) {
        var entries: [PromptVersion: [String]] = [:]
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("# curate.prompts.lock/"), line != Self.formatLine {
                throw .malformedLock(path: path, line: lineNumber, reason: "lock format \(line.dropFirst(2)) is not one this curate reads (upgrade curate)")
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw .malformedLock(path: path, line: lineNumber, reason: "expected NAME@VERSION SHA256, found \"\(line)\"")
            }
            let key = line[..<space].trimmingCharacters(in: .whitespaces)
            let sha256 = line[line.index(after: space)...].lowercased()
            guard let version = PromptVersion(parsing: key) else {
                throw .malformedLock(path: path, line: lineNumber, reason: "\"\(key)\" is not NAME@VERSION")
            }
            guard SHA256Hex.isDigest(sha256) else {
                throw .malformedLock(path: path, line: lineNumber, reason: "\"\(sha256)\" is not a SHA-256 (64 hex digits)")
            }
            var hashes = entries[version] ?? []
            hashes.removeAll { $0 == sha256 }
            hashes.append(sha256)
            entries[version] = hashes
        }
        self.init(entries: entries)
    }

    /// Reads the lock in `promptsFolder`; a missing lock is an empty one.
    /// - Throws: ``PromptError`` when it exists but cannot be read or parsed.
    public static func read(promptsFolder: URL, displayPath: String = "prompts/\(LockFile.fileName)") throws(PromptError) -> LockFile {
        let url = promptsFolder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return LockFile() }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: displayPath, reason: error.localizedDescription)
        }
        return try LockFile(parsing: String(decoding: data, as: UTF8.self), path: displayPath)
    }

    /// Writes the lock into `promptsFolder`, atomically.
    /// - Throws: ``PromptError/unwritable(path:reason:)``.
    public func write(promptsFolder: URL, displayPath: String = "prompts/\(LockFile.fileName)") throws(PromptError) {
        let url = promptsFolder.appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(at: promptsFolder, withIntermediateDirectories: true)
            try Data(rendered().utf8).write(to: url, options: .atomic)
        } catch {
            throw .unwritable(path: displayPath, reason: error.localizedDescription)
        }
    }
}
