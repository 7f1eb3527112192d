import Foundation

/// Finds the text of a prompt a person names as `NAME@VERSION` or `NAME@VERSION#HASH`:
/// resolved against the lock, the template files and the store as `stale --with` resolves
/// it, then read from the template file that has that hash, else from the store, else from
/// the template's git history.
public struct PromptTextFinder {
    private let root: URL
    private let store: (any StoreBackend)?
    private let environment: [String: String]

    /// - Parameters:
    ///   - workspaceFolder: the folder holding `prompts/`.
    ///   - store: the store, when there is one (a CI checkout has none).
    ///   - environment: where git's `PATH` and `CURATE_GIT` are read.
    public init(workspaceFolder: URL, store: Store?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        root = workspaceFolder
        self.store = store?.backend
        self.environment = environment
    }

    /// The text `selector` names; without a hash, the version's current locked text (or its
    /// template file's, when it is not locked).
    /// - Throws: ``ShowError`` when `selector` is malformed, names no single known text, or
    ///   its text is nowhere to be found; ``PromptError`` for an unreadable lock or template,
    ///   or git failing; ``StoreError``.
    public func text(of selector: String) throws -> PromptText {
        let folder = root.appendingPathComponent("prompts")
        let targets = try PromptTargets(promptsFolder: folder, store: store, overrides: [])
        let ref: PromptRef
        do {
            ref = try targets.resolve(selector)
        } catch StaleError.invalidTarget(_, let reason) {
            throw ShowError.invalidPrompt(selector: selector, reason: reason)
        } catch StaleError.unknownTarget(_, let candidates) {
            throw ShowError.unknownPrompt(selector: selector, candidates: candidates.isEmpty ? try versions(near: selector) : candidates)
        }
        guard let sha256 = ref.sha256 else { throw ShowError.unknownPrompt(selector: selector, candidates: []) }
        func found(_ text: String, _ source: PromptText.Source) -> PromptText {
            PromptText(prompt: PromptTarget(name: ref.name, version: ref.version, sha256: sha256, text: text), source: source)
        }
        if let file = targets.fileText(of: ref) { return found(file.text, .file(path: file.path)) }
        var tried = ["the template files under prompts/"]
        if let store {
            if let text = try store.promptText(sha256: sha256) { return found(text, .store) }
            tried.append("the store")
        } else {
            tried.append("the store (there is none)")
        }
        switch try gitText(of: ref.promptVersion, sha256: sha256) {
        case .found(let text, let commit, let path): return found(text, .git(commit: commit, path: path))
        case .notFound(let reason): tried.append(reason)
        }
        throw ShowError.promptTextMissing(prompt: ref.shortForm, tried: tried)
    }

    /// What the git history of a template had to say.
    private enum GitLookup {
        case found(text: String, commit: String, path: String)
        /// How the history was looked at, for the error.
        case notFound(String)
    }

    /// The newest text of `version`'s template in git history whose hash is `sha256`.
    private func gitText(of version: PromptVersion, sha256: String) throws -> GitLookup {
        let history: GitHistory
        switch Result(catching: { () throws(PromptError) in try GitHistory(directory: root, environment: environment) }) {
        case .success(let opened): history = opened
        case .failure(.gitMissing): return .notFound("git history (git is not installed)")
        case .failure(.notAGitRepository): return .notFound("git history (not a git repository)")
        case .failure(let error): throw error
        }
        let discovery = try PromptDiscovery.scan(root.appendingPathComponent("prompts"))
        guard let path = try history.path(of: version, in: discovery) else { return .notFound("git history (no file of \(version))") }
        let revisions = try history.revisions(of: path)
        let blobs = try history.blobs(revisions.compactMap(\.blob))
        for revision in revisions.reversed() {
            guard let blob = revision.blob, let bytes = blobs[blob], PromptHash.of(bytes: bytes) == sha256 else { continue }
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            return .found(text: text, commit: revision.commit, path: revision.path)
        }
        return .notFound("git history of \(path)")
    }

    /// The prompt versions the lock, the template files and the store know: those of the
    /// name `selector` starts with, or every one when none has that name.
    private func versions(near selector: String) throws -> [String] {
        let folder = root.appendingPathComponent("prompts")
        var known = Array(try LockFile.read(promptsFolder: folder).entries.keys)
        known += try PromptDiscovery.scan(folder).files.map(\.version)
        known += try store?.exportCatalog().compactMap { $0.tuple.prompt?.promptVersion } ?? []
        let name = selector.split(separator: "@", maxSplits: 1).first.map(String.init)
        let sameName = known.filter { $0.name == name }
        return Selection.sortedUnique((sameName.isEmpty ? known : sameName).map(\.description))
    }
}
