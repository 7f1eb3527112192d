/// A prompt selector as a person writes it, parsed but not yet resolved against the store.
///
/// Forms: a version label (`v2`), a prompt name (`sentiment`), `NAME@VERSION`, a hash
/// prefix of at least 7 hex digits (`791c662`, or `#791c662`), or a short form
/// `NAME@VERSION#HASH12` as `curate stats` prints it. `*` stands for any name or
/// version (`*@v2` is the version label v2 even where a prompt is also named `v2`),
/// and `#unknown` selects the labels whose prompt hash is not known.
public enum PromptSelector: Sendable, Hashable {
    /// What a selector says about the prompt hash.
    public enum HashPart: Sendable, Hashable {
        /// Nothing.
        case any
        /// `#unknown`: the hash is not known.
        case unknown
        /// A lowercase hex prefix of at least ``PromptSelector/minimumPrefixLength`` digits.
        case prefix(String)
    }

    /// A bare word, which may be a prompt name, a version label or a hash prefix.
    case word(String)
    /// `NAME@VERSION[#HASH]` or `#HASH`; nil name or version matches any.
    case pattern(name: String?, version: String?, hash: HashPart)

    /// The fewest hex digits a hash prefix may have.
    public static let minimumPrefixLength = 7

    /// Parses `text`.
    /// - Throws: ``ExportError/invalidPromptSelector(selector:reason:)`` when it is empty,
    ///   has an empty name or version, or a hash part that is neither `unknown` nor 7+ hex digits.
    public init(parsing text: String) throws(ExportError) {
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw .invalidPromptSelector(selector: text, reason: "a selector is one word, without spaces")
        }
        var rest = Substring(text)
        var hash = HashPart.any
        if let mark = rest.firstIndex(of: "#") {
            hash = try Self.hashPart(String(rest[rest.index(after: mark)...]), selector: text)
            rest = rest[..<mark]
        }
        guard let at = rest.firstIndex(of: "@") else {
            if rest.isEmpty {
                self = .pattern(name: nil, version: nil, hash: hash)
            } else if hash == .any {
                self = .word(String(rest))
            } else {
                throw .invalidPromptSelector(selector: text, reason: "write NAME@VERSION#HASH (use * for any name or version)")
            }
            return
        }
        let name = String(rest[..<at])
        let version = String(rest[rest.index(after: at)...])
        guard !name.isEmpty, !version.isEmpty, !version.contains("@") else {
            throw .invalidPromptSelector(selector: text, reason: "write NAME@VERSION (use * for any name or version, e.g. *@v2)")
        }
        self = .pattern(name: name == "*" ? nil : name, version: version == "*" ? nil : version, hash: hash)
    }

    private static func hashPart(_ text: String, selector: String) throws(ExportError) -> HashPart {
        switch text.lowercased() {
        case "unknown": return .unknown
        case "*": return .any
        case let digits:
            guard digits.utf8.count >= minimumPrefixLength, digits.utf8.count <= 64, digits.utf8.allSatisfy(\.isHexDigit) else {
                throw .invalidPromptSelector(
                    selector: selector,
                    reason: "after '#' comes 'unknown' or a hash prefix of \(minimumPrefixLength) to 64 hex digits")
            }
            return .prefix(digits)
        }
    }

    /// Whether a bare word could be a hash prefix (7 to 64 hex digits).
    static func couldBeHashPrefix(_ word: String) -> Bool {
        (minimumPrefixLength...64).contains(word.utf8.count) && word.utf8.allSatisfy(\.isHexDigit)
    }
}
