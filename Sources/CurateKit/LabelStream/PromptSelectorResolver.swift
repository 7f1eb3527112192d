/// Resolves prompt selectors against the prompt texts that labels in scope refer to.
///
/// A selector becomes a ``PromptPattern`` (what it means, kept by flags) and the
/// prompts it matches now. A version label or `NAME@VERSION` matches every text
/// ever stored under it, including labels whose hash is unknown or ambiguous; a hash
/// prefix must match exactly one text; anything unknown or ambiguous is an error
/// that lists the candidates.
struct PromptSelectorResolver {
    /// The prompts in scope, sorted.
    let prompts: [PromptRef]

    /// - Parameter prompts: the prompts of the labels in scope (repeats are fine).
    init(prompts: some Sequence<PromptRef>) {
        self.prompts = Array(Set(prompts)).sorted()
    }

    /// What `text` means and which prompts in scope it matches (at least one).
    /// - Throws: ``ExportError`` when the selector is malformed, unknown or ambiguous.
    func resolve(_ text: String) throws(ExportError) -> (pattern: PromptPattern, matches: [PromptRef]) {
        switch try PromptSelector(parsing: text) {
        case .word(let word):
            return try resolveWord(word, selector: text)
        case .pattern(let name, let version, let hash):
            return try resolvePattern(name: name, version: version, hash: hash, selector: text)
        }
    }

    private func resolveWord(_ word: String, selector: String) throws(ExportError) -> (pattern: PromptPattern, matches: [PromptRef]) {
        var readings: [(pattern: PromptPattern, note: String)] = []
        if prompts.contains(where: { $0.name == word }) {
            readings.append((PromptPattern(name: word, version: nil, hash: .any), "the prompt named \(word)"))
        }
        if prompts.contains(where: { $0.version == word }) {
            readings.append((PromptPattern(name: nil, version: word, hash: .any), "version label \(word)"))
        }
        if PromptSelector.couldBeHashPrefix(word) {
            let prefix = word.lowercased()
            for digest in hashes(of: prompts).filter({ $0.hasPrefix(prefix) }) {
                readings.append((PromptPattern(name: nil, version: nil, hash: .sha256(digest)), "the text \(shortForms(digest))"))
            }
        }
        switch readings.count {
        case 0:
            if word.utf8.allSatisfy(\.isHexDigit), word.utf8.count < PromptSelector.minimumPrefixLength {
                throw .invalidPromptSelector(
                    selector: selector,
                    reason: "it names no prompt, and a hash prefix needs at least \(PromptSelector.minimumPrefixLength) hex digits")
            }
            let words = Selection.sortedUnique(prompts.map(\.name) + prompts.map(\.version))
            throw .unknownPromptSelector(selector: selector, candidates: candidates(prompts), suggestion: NearMatch.suggestion(for: word, among: words))
        case 1:
            let pattern = readings[0].pattern
            return (pattern, prompts.filter(pattern.matches))
        default:
            throw .ambiguousPromptSelector(selector: selector, candidates: readings.map { "\($0.pattern) (\($0.note))" })
        }
    }

    private func resolvePattern(
        name: String?, version: String?, hash: PromptSelector.HashPart, selector: String
    ) throws(ExportError) -> (pattern: PromptPattern, matches: [PromptRef]) {
        let named = prompts.filter { (name == nil || $0.name == name) && (version == nil || $0.version == version) }
        guard !named.isEmpty else {
            throw .unknownPromptSelector(
                selector: selector, candidates: candidates(prompts), suggestion: suggestion(name: name, version: version, selector: selector))
        }
        let pattern: PromptPattern
        switch hash {
        case .any:
            pattern = PromptPattern(name: name, version: version, hash: .any)
        case .unknown:
            pattern = PromptPattern(name: name, version: version, hash: .unknown)
        case .prefix(let prefix):
            let digests = hashes(of: named).filter { $0.hasPrefix(prefix) }
            guard digests.count <= 1 else {
                throw .ambiguousPromptSelector(selector: selector, candidates: digests.map { "#\($0.prefix(16)) (\(shortForms($0)))" })
            }
            guard let digest = digests.first else { throw .unknownPromptSelector(selector: selector, candidates: candidates(named)) }
            pattern = PromptPattern(name: name, version: version, hash: .sha256(digest))
        }
        let matches = named.filter(pattern.matches)
        guard !matches.isEmpty else { throw .unknownPromptSelector(selector: selector, candidates: candidates(named)) }
        return (pattern, matches)
    }

    /// `NAME@VERSION` with the name and the version each replaced by its near match among the
    /// prompts (`sentiment@v1` for `Sentiment@V1`), the hash part kept; nil when a part has none.
    private func suggestion(name: String?, version: String?, selector: String) -> String? {
        var named = prompts
        var parts: [String] = []
        for (part, key) in [(name, \PromptRef.name), (version, \PromptRef.version)] {
            guard let part else {
                parts.append("*")
                continue
            }
            let words = named.map { $0[keyPath: key] }
            guard let near = words.contains(part) ? part : NearMatch.suggestion(for: part, among: words) else { return nil }
            named = named.filter { $0[keyPath: key] == near }
            parts.append(near)
        }
        let hash = selector.firstIndex(of: "#").map { String(selector[$0...]) } ?? ""
        return parts.joined(separator: "@") + hash
    }

    private func hashes(of prompts: [PromptRef]) -> [String] {
        Array(Set(prompts.compactMap(\.sha256))).sorted()
    }

    /// The short forms under which a text is stored, e.g. `sentiment@v3#791c662112b3`.
    private func shortForms(_ digest: String) -> String {
        prompts.filter { $0.sha256 == digest }.map(\.shortForm).joined(separator: ", ")
    }

    private func candidates(_ prompts: [PromptRef]) -> [String] {
        prompts.map(\.shortForm)
    }
}
