/// A template that does not match `prompts.lock`, with the fix spelled out.
public struct PromptCheckFinding: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// The file's text is not the lock's current text for its version.
        case editedInPlace(file: PromptFile, lockedCurrent: String, earlierLocked: Bool)
        /// The version is not in the lock at all.
        case notYetLocked(file: PromptFile)
        /// Several files claim one version label.
        case severalFiles(PromptVersion, paths: [String])
    }

    /// What is wrong, with the file it is about.
    public var kind: Kind
    /// A free version label to suggest for a new text (`v4` after `v3`), when one can be made.
    public var suggestedVersion: String?

    /// The version the finding is about.
    public var version: PromptVersion {
        switch kind {
        case .editedInPlace(let file, _, _), .notYetLocked(let file): file.version
        case .severalFiles(let version, _): version
        }
    }

    /// Two lines: the problem (path first), then the fix.
    public var description: String {
        switch kind {
        case .editedInPlace(let file, let lockedCurrent, let earlierLocked):
            let locked = file.version.ref(sha256: lockedCurrent).shortForm
            let problem = earlierLocked
                ? "\(file.path): \(file.version) was changed in place back to an earlier locked text, \(file.ref.shortForm); the lock's current text is \(locked)"
                : "\(file.path): \(file.version) was edited in place: the file's text is \(file.ref.shortForm), the lock has \(locked)"
            let folder = file.path.split(separator: "/").dropLast().joined(separator: "/")
            let newFile = suggestedVersion.map { "\(folder)/\($0)\(Self.fileExtension(file.path))" } ?? "\(folder)/NEW_VERSION\(Self.fileExtension(file.path))"
            return problem + "\n  fix: save the new text as a new version, \(newFile), and put back the locked text of \(file.path) "
                + "(git restore \(file.path), if the edit is not committed); or, to make \(file.version) name the new text "
                + "on purpose, re-lock it: curate prompts lock \(file.version)"
        case .notYetLocked(let file):
            return "\(file.path): \(file.ref.shortForm) is not locked yet\n"
                + "  fix: run curate prompts lock, and commit prompts/\(LockFile.fileName) with the template"
        case .severalFiles(let version, let paths):
            return "\(paths.first ?? version.name): \(version) has \(paths.count) template files (\(paths.joined(separator: ", ")))\n"
                + "  fix: keep one file per version label; give the others new version names"
        }
    }

    private static func fileExtension(_ path: String) -> String {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let label = PromptFile.versionLabel(fileName: fileName)
        return String(fileName.dropFirst(label.count))
    }
}

/// `curate prompts check`: compares every template with the lock.
public enum PromptCheck {
    /// The findings for the workspace's templates, sorted by version; empty when everything matches.
    ///
    /// A version in the lock whose file is gone is not a finding: the lock keeps what was released.
    public static func findings(discovery: PromptDiscovery, lock: LockFile) -> [PromptCheckFinding] {
        var findings: [PromptCheckFinding] = []
        let known = Set(discovery.files.map(\.version)).union(lock.entries.keys)
        for (version, files) in discovery.filesByVersion.sorted(by: { $0.key < $1.key }) {
            guard files.count == 1, let file = files.first else {
                findings.append(PromptCheckFinding(kind: .severalFiles(version, paths: files.map(\.path)), suggestedVersion: nil))
                continue
            }
            let locked = lock.hashes(of: version)
            guard let current = locked.last else {
                findings.append(PromptCheckFinding(kind: .notYetLocked(file: file), suggestedVersion: nil))
                continue
            }
            if file.sha256 != current {
                findings.append(PromptCheckFinding(
                    kind: .editedInPlace(file: file, lockedCurrent: current, earlierLocked: locked.contains(file.sha256)),
                    suggestedVersion: nextVersion(after: version, known: known)))
            }
        }
        return findings
    }

    /// The next free version label after `version` when it ends in a number (`v3` → `v4`).
    static func nextVersion(after version: PromptVersion, known: Set<PromptVersion>) -> String? {
        let label = version.version
        let digits = label.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, var number = Int(String(digits.reversed())) else { return nil }
        let stem = label.dropLast(digits.count)
        for _ in 0..<1000 {
            number += 1
            let candidate = "\(stem)\(number)"
            if !known.contains(PromptVersion(name: version.name, version: candidate)) { return candidate }
        }
        return nil
    }
}
