import Foundation

/// The prompt text that each prompt name's labels should come from now: by default the
/// newest locked text of the name (its newest version label's current line in
/// `prompts.lock`; for a name not in the lock, its newest template file), or the text a
/// `--with NAME@VERSION[#HASH]` names.
///
/// Texts are read when first needed, from the template file that has them, else from
/// the store (a record that carried the text).
final class PromptTargets {
    private let root: URL
    private let store: (any StoreBackend)?
    private let lock: LockFile
    private let discovery: PromptDiscovery
    private var current: [String: PromptRef] = [:]
    private var targets: [String: PromptTarget] = [:]

    /// Reads the lock and the templates of `promptsFolder`, then applies `overrides`
    /// (`NAME@VERSION` or `NAME@VERSION#HASH`, one per name).
    /// - Throws: ``StaleError`` for an override that names no single known text;
    ///   ``PromptError`` for an unreadable lock or template.
    init(promptsFolder: URL, store: (any StoreBackend)?, overrides: [String]) throws {
        root = promptsFolder.deletingLastPathComponent()
        self.store = store
        lock = try LockFile.read(promptsFolder: promptsFolder)
        discovery = try PromptDiscovery.scan(promptsFolder)
        var newest: [String: PromptVersion] = [:]
        for version in lock.entries.keys where newest[version.name].map({ $0 < version }) ?? true {
            newest[version.name] = version
        }
        for (name, version) in newest {
            if let sha256 = lock.current(version) { current[name] = version.ref(sha256: sha256) }
        }
        for file in discovery.files where lock.entries.keys.allSatisfy({ $0.name != file.version.name }) {
            if current[file.version.name].map({ PromptVersion(name: $0.name, version: $0.version) < file.version }) ?? true {
                current[file.version.name] = file.ref
            }
        }
        for selector in overrides {
            let ref = try resolve(selector)
            current[ref.name] = ref
        }
    }

    /// The text labels of prompt `name` should come from now; nil when none is known.
    func current(of name: String) -> PromptRef? {
        current[name]
    }

    /// ``current(of:)`` with its text.
    /// - Throws: ``StaleError/textMissing(prompt:)`` when no template file or stored record has the text.
    func target(of name: String) throws -> PromptTarget? {
        if let known = targets[name] { return known }
        guard let ref = current[name], let sha256 = ref.sha256 else { return nil }
        guard let text = try text(of: ref) else { throw StaleError.textMissing(prompt: ref.shortForm) }
        let target = PromptTarget(name: ref.name, version: ref.version, sha256: sha256, text: text)
        targets[name] = target
        return target
    }

    /// The text of `ref`: from a template file of its version with that hash, else from the store.
    private func text(of ref: PromptRef) throws -> String? {
        if let text = fileText(of: ref)?.text { return text }
        guard let sha256 = ref.sha256 else { return nil }
        return try store?.promptText(sha256: sha256)
    }

    /// The text of `ref` (CRLF turned to LF) from a template file of its version with that hash,
    /// with the file's path relative to the workspace; nil when no such file can be read.
    func fileText(of ref: PromptRef) -> (path: String, text: String)? {
        for file in discovery.files where file.version == ref.promptVersion && file.sha256 == ref.sha256 {
            guard let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(file.path).path) else { continue }
            return (file.path, String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
        }
        return nil
    }

    /// The prompt text a `--with` selector names: `NAME@VERSION#HASH` (a prefix of 7 or more
    /// hex digits) among the hashes the lock, the template files and the store know for that
    /// version; `NAME@VERSION` its current locked text, else its template file's.
    /// - Throws: ``StaleError/invalidTarget(selector:reason:)``, ``StaleError/unknownTarget(selector:candidates:)``.
    func resolve(_ selector: String) throws -> PromptRef {
        let parts = selector.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let nameAndVersion = parts[0].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard nameAndVersion.count == 2, !nameAndVersion[0].isEmpty, !nameAndVersion[1].isEmpty else {
            throw StaleError.invalidTarget(selector: selector, reason: "it names no prompt version")
        }
        let version = PromptVersion(name: String(nameAndVersion[0]), version: String(nameAndVersion[1]))
        let prefix = parts.count == 2 ? String(parts[1]).lowercased() : nil
        if let prefix, prefix.count < 7 || !prefix.allSatisfy(\.isHexDigit) {
            throw StaleError.invalidTarget(selector: selector, reason: "\"\(prefix)\" is not a hash prefix")
        }
        let fileHashes = discovery.files.filter { $0.version == version }.map(\.sha256)
        var known = lock.hashes(of: version) + fileHashes
        known += try store?.promptHashes(name: version.name, version: version.version, prefix: prefix ?? "") ?? []
        known = Selection.sortedUnique(known)
        let chosen: [String]
        if let prefix {
            chosen = known.filter { $0.hasPrefix(prefix) }
        } else if let locked = lock.current(version) ?? fileHashes.first {
            chosen = [locked]
        } else {
            chosen = known
        }
        guard chosen.count == 1, let sha256 = chosen.first else {
            throw StaleError.unknownTarget(selector: selector, candidates: known.map { version.ref(sha256: $0).shortForm })
        }
        return version.ref(sha256: sha256)
    }
}
