#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shell-style glob over model ids: `*` any run of characters, `?` one character,
/// `[…]` one of a set. A pattern without those matches one model id exactly.
struct ModelGlob: Sendable, Hashable {
    let pattern: String

    /// Whether `model` matches the pattern (case-sensitive, as `fnmatch(3)` without flags).
    func matches(_ model: String) -> Bool {
        fnmatch(pattern, model, 0) == 0
    }

    /// The models in `models` that match, or an error listing all of them when none does,
    /// with `PATTERN*` as a suggestion when that would match (a model id has a date after it).
    func resolve(among models: [String]) throws(ExportError) -> [String] {
        let matched = models.filter(matches)
        guard matched.isEmpty else { return matched }
        let prefix = ModelGlob(pattern: pattern + "*")
        throw .unknownModel(pattern: pattern, candidates: models, suggestion: models.contains(where: prefix.matches) ? prefix.pattern : nil)
    }
}
