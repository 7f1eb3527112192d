import Foundation

/// Why `curate stale` could not say which prompt text a label should come from now.
public enum StaleError: LocalizedError, Sendable, Equatable {
    /// `--with` is not `NAME@VERSION` or `NAME@VERSION#HASH`.
    case invalidTarget(selector: String, reason: String)
    /// `--with` names a version or hash that no lock line, template file or stored prompt has.
    case unknownTarget(selector: String, candidates: [String])
    /// The text of a prompt to regenerate with is neither in its template file nor in the store.
    case textMissing(prompt: String)

    public var errorDescription: String? {
        switch self {
        case .invalidTarget(let selector, let reason):
            "--with \"\(selector)\": \(reason); write NAME@VERSION or NAME@VERSION#HASH (7 or more hex digits)"
        case .unknownTarget(let selector, let candidates):
            candidates.isEmpty
                ? "--with \"\(selector)\" names no known prompt text; see 'curate prompts'"
                : "--with \"\(selector)\" names no single known prompt text; candidates: \(candidates.prefix(10).joined(separator: ", "))"
        case .textMissing(let prompt):
            "the text of \(prompt) is neither in its template file under prompts/ nor in the store; restore the template (git log -- prompts/) or name another text with --with"
        }
    }
}
