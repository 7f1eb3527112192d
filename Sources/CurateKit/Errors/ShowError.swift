import Foundation

/// Why `curate show` or `curate prompts show` could not show what it was asked for.
public enum ShowError: LocalizedError, Sendable, Equatable {
    /// No stored label has this record id, or starts with it.
    case unknownLabel(id: String)
    /// A record id prefix that starts several labels' ids (the first few, sorted).
    case ambiguousLabel(prefix: String, candidates: [String])
    /// A prompt argument that is not `NAME@VERSION` or `NAME@VERSION#HASH`.
    case invalidPrompt(selector: String, reason: String)
    /// A prompt argument that names no single known text; the candidates it could mean.
    case unknownPrompt(selector: String, candidates: [String])
    /// The text of a known prompt hash is in none of the places looked at.
    case promptTextMissing(prompt: String, tried: [String])

    public var errorDescription: String? {
        switch self {
        case .unknownLabel(let id):
            let short = id.count < LabelInspector.minimumPrefixLength
                ? " (a prefix needs at least \(LabelInspector.minimumPrefixLength) characters)" : ""
            return "no label with id \"\(id)\"\(short); copy a record id from an exported row (field \"id\") or from 'curate stale'"
        case .ambiguousLabel(let prefix, let candidates):
            let more = candidates.count > LabelInspector.listedCandidates ? ", …" : ""
            return "no label with id \"\(prefix)\", and it starts several ids: "
                + candidates.prefix(LabelInspector.listedCandidates).joined(separator: ", ") + more + "; give more of the id"
        case .invalidPrompt(let selector, let reason):
            return "\"\(selector)\" is not a prompt: \(reason); write NAME@VERSION or NAME@VERSION#HASH (7 or more hex digits)"
        case .unknownPrompt(let selector, let candidates):
            return candidates.isEmpty
                ? "\"\(selector)\" names no known prompt text; see 'curate prompts'"
                : "\"\(selector)\" names no single known prompt text; candidates: \(candidates.prefix(20).joined(separator: ", "))"
        case .promptTextMissing(let prompt, let tried):
            return "the text of \(prompt) was not found; tried \(tried.joined(separator: ", ")); "
                + "restore its template under prompts/ or ingest a record that carries its text"
        }
    }
}
