/// What `curate prompts lock` changes in `prompts.lock`.
///
/// Without a selection it records every version not locked yet and leaves a version
/// edited in place alone (that needs a decision: a new version file, or a re-lock on
/// purpose). Naming versions re-locks exactly those: their current text becomes
/// the locked one and earlier hashes stay, so the lock never forgets a text.
public struct LockUpdate: Sendable, Equatable {
    /// The lock after the update.
    public var lock: LockFile
    /// Files whose versions were locked for the first time.
    public var added: [PromptFile] = []
    /// Files whose versions got a new current text, with the hash they had before.
    public var relocked: [(file: PromptFile, previous: String)] = []
    /// Templates left out (edited in place without being named, several files for a version).
    public var skipped: [PromptCheckFinding] = []
    /// Versions already locked with their file's text.
    public var unchanged = 0

    /// Whether the lock file needs writing.
    public var changed: Bool { !added.isEmpty || !relocked.isEmpty }

    /// Equal when every part is (tuples are not `Equatable` by themselves).
    public static func == (lhs: LockUpdate, rhs: LockUpdate) -> Bool {
        lhs.lock == rhs.lock && lhs.added == rhs.added && lhs.skipped == rhs.skipped && lhs.unchanged == rhs.unchanged
            && lhs.relocked.map(\.file) == rhs.relocked.map(\.file) && lhs.relocked.map(\.previous) == rhs.relocked.map(\.previous)
    }

    /// Plans the update.
    /// - Parameters:
    ///   - lock: the lock as it is.
    ///   - discovery: the workspace's template files.
    ///   - selected: versions to (re-)lock on purpose; empty for "every new version".
    /// - Throws: ``PromptError/noSuchPromptFile(_:folder:)`` for a selected version without a file,
    ///   ``PromptError/duplicateVersion(_:paths:)`` for one with several.
    public static func plan(lock: LockFile, discovery: PromptDiscovery, selected: [PromptVersion] = []) throws(PromptError) -> LockUpdate {
        var update = LockUpdate(lock: lock)
        let files = discovery.filesByVersion
        if selected.isEmpty {
            for finding in PromptCheck.findings(discovery: discovery, lock: lock) {
                switch finding.kind {
                case .notYetLocked(let file):
                    update.lock.lock(file.version, sha256: file.sha256)
                    update.added.append(file)
                case .editedInPlace, .severalFiles:
                    update.skipped.append(finding)
                }
            }
            update.unchanged = files.count - update.added.count - update.skipped.count
            return update
        }
        for version in Set(selected).sorted() {
            let candidates = files[version] ?? []
            guard let file = candidates.first else { throw .noSuchPromptFile(version, folder: "prompts") }
            guard candidates.count == 1 else { throw .duplicateVersion(version, paths: candidates.map(\.path)) }
            let previous = lock.current(version)
            guard update.lock.lock(version, sha256: file.sha256) else {
                update.unchanged += 1
                continue
            }
            if let previous { update.relocked.append((file, previous)) } else { update.added.append(file) }
        }
        return update
    }
}
