import Foundation

/// Finds the prompt text of a record that named only `{name, version}`, at ingest.
///
/// A version label's known texts are the hashes in the lock, in the store, in the
/// workspace's template file(s) and, when the workspace is a git work tree, every
/// text its file has had in git history. Exactly one known text → that hash,
/// `resolved`; several → `ambiguous` (never a guess; `curate backfill --from-git`
/// can place it later); none → `unknown`. The record's id never changes: only the
/// prompt reference and hash status that are stored.
///
/// Everything but the store is read once per version label and remembered for the
/// life of the resolver (one ingest); the store's hashes until ``storeChanged()``. Git is optional here: without it, or outside
/// a git work tree, the other sources are used.
public final class PromptResolver {
    private let promptsFolder: URL
    private let store: any StoreBackend
    private let useGit: Bool
    private let environment: [String: String]
    private var git: GitHistory??
    private var storeHashes: KnownHashes?
    private var lock: LockFile?
    private var discovery: PromptDiscovery?
    private var fixedHashes: [PromptVersion: Set<String>] = [:]
    /// Every known hash per version, until ``storeChanged()``.
    private var knownByVersion: [PromptVersion: Set<String>] = [:]

    /// Nothing is read until the first record that needs resolving.
    /// - Parameters:
    ///   - promptsFolder: the workspace's `prompts/` (with `prompts.lock`).
    ///   - store: the store the records go into; its known hashes are read inside the ingest.
    ///   - useGit: whether to read the history of the folder around `prompts/` (skipped
    ///     quietly when git is missing or the folder is not a work tree).
    ///   - environment: where git is looked for (`PATH`, `CURATE_GIT`).
    public init(
        promptsFolder: URL, store: Store, useGit: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.promptsFolder = promptsFolder
        self.store = store.backend
        self.useGit = useGit
        self.environment = environment
    }

    /// `record` with its prompt hash resolved when it has none; any other record unchanged.
    /// - Throws: ``PromptError`` for an unreadable lock or template, or a store error.
    public func resolve(_ record: LabelRecord) throws -> LabelRecord {
        guard case .llm(let model, let prompt, let text, .unknown) = record.producer, prompt.sha256 == nil,
              let (resolvedPrompt, status) = try resolution(of: prompt) else { return record }
        var resolved = record
        resolved.producer = .llm(model: model, prompt: resolvedPrompt, promptText: text, hashStatus: status)
        return resolved
    }

    /// `tuple` with its prompt hash resolved when it has none, as a record of that tuple is
    /// resolved; any other tuple unchanged.
    /// - Throws: ``PromptError`` for an unreadable lock or template, or a store error.
    public func resolve(_ tuple: ProvenanceTuple) throws -> ProvenanceTuple {
        guard tuple.needsPromptResolution, let prompt = tuple.prompt, prompt.sha256 == nil,
              let (resolvedPrompt, status) = try resolution(of: prompt) else { return tuple }
        var resolved = tuple
        resolved.prompt = resolvedPrompt
        resolved.hashStatus = status
        return resolved
    }

    /// The prompt and hash status of a prompt named by version only: one known text → its
    /// hash, `resolved`; several → `ambiguous`; none → nil, it stays `unknown`.
    private func resolution(of prompt: PromptRef) throws -> (PromptRef, HashStatus)? {
        let known = try knownHashes(of: prompt.promptVersion)
        switch known.count {
        case 0: return nil
        case 1: return (prompt.promptVersion.ref(sha256: known.first), .resolved)
        default: return (prompt, .ambiguous)
        }
    }

    /// Every hash known for `version`: lock, template files, git history and store.
    public func knownHashes(of version: PromptVersion) throws -> Set<String> {
        if let known = knownByVersion[version] { return known }
        if storeHashes == nil { storeHashes = try store.knownHashes() }
        var known = try fixedKnownHashes(of: version)
        if let storeHashes { known.formUnion(try storeHashes.of(version)) }
        knownByVersion[version] = known
        return known
    }

    /// Says that prompt texts were added to the store since the last resolution (an ingest
    /// stored a record's prompt), so the store is asked again.
    public func storeChanged() {
        knownByVersion.removeAll()
    }

    /// The hashes that do not change during an ingest (lock, files, git), read once per version.
    private func fixedKnownHashes(of version: PromptVersion) throws -> Set<String> {
        if let known = fixedHashes[version] { return known }
        if lock == nil { lock = try LockFile.read(promptsFolder: promptsFolder) }
        if discovery == nil { discovery = try PromptDiscovery.scan(promptsFolder) }
        var known = Set(lock?.hashes(of: version) ?? [])
        let files = discovery?.filesByVersion[version] ?? []
        known.formUnion(files.map(\.sha256))
        if let git = gitHistory() {
            let paths = files.isEmpty ? [try git.lastPath(of: version)].compactMap { $0 } : files.map(\.path)
            for path in paths {
                let timeline = try git.timelines([version: path])[version]
                known.formUnion(timeline?.hashes ?? [])
            }
        }
        fixedHashes[version] = known
        return known
    }

    /// The workspace's git history, opened on first use; nil without git or outside a work tree.
    private func gitHistory() -> GitHistory? {
        if let git { return git }
        let opened = useGit ? try? GitHistory(directory: promptsFolder.deletingLastPathComponent(), environment: environment) : nil
        git = .some(opened)
        return opened
    }
}
