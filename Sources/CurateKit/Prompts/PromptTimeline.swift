/// The texts a prompt version's file has had, as spans of commit time.
///
/// Built from the file's git history: each commit starts a span in which its text
/// was in effect, until the next commit that changed the text. Commits that leave
/// the text's hash unchanged (a rename, a CRLF → LF conversion) continue the span.
/// A deletion, or a time when the file had another name or version, is a gap.
public struct PromptTimeline: Sendable, Equatable {
    /// The version the timeline is for.
    public var version: PromptVersion
    /// The file's path now (or last, if it is gone), relative to the workspace.
    public var path: String
    /// The spans, oldest first; the last one is open-ended.
    public var spans: [Span]

    /// One stretch of commit time with one text (or none).
    public struct Span: Sendable, Equatable {
        /// The commit time that started the span (inclusive).
        public var from: Timestamp
        /// The commit time of the next change (exclusive); nil for the newest span.
        public var until: Timestamp?
        /// The commit that started the span.
        public var commit: String
        /// The text in effect, or nil in a gap.
        public var text: Text?
    }

    /// A committed text: its hash, and the text when it is valid UTF-8.
    public struct Text: Sendable, Equatable {
        /// SHA-256 of the text, CRLF read as LF.
        public var sha256: String
        /// The text as committed; nil when it is not valid UTF-8.
        public var text: String?
    }

    /// Where a moment falls in the timeline.
    public enum Placement: Sendable, Equatable {
        /// Before the first commit that gave the file this version's name.
        case beforeFirstCommit
        /// In a span, by index.
        case span(Int)
    }

    /// The spans that carry a text.
    public var eras: [Span] { spans.filter { $0.text != nil } }

    /// The distinct hashes the file has had, in order of first appearance.
    public var hashes: [String] {
        var seen: [String] = []
        for span in spans {
            if let sha256 = span.text?.sha256, !seen.contains(sha256) { seen.append(sha256) }
        }
        return seen
    }

    /// When the file first had this version's name and a text.
    public var firstCommitAt: Timestamp? { spans.first?.from }

    /// The span in effect at `moment`: the newest one that started at or before it.
    public func placement(of moment: Timestamp) -> Placement {
        guard let first = spans.first, moment >= first.from else { return .beforeFirstCommit }
        var low = 0
        var high = spans.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if spans[middle].from <= moment { low = middle } else { high = middle - 1 }
        }
        return .span(low)
    }

    /// Builds a timeline from a file's revisions (oldest first) and their blobs.
    ///
    /// A revision whose path does not name `version` (the file had another name or version
    /// before a rename) counts as a gap, so its text is never given to this version's labels.
    public init(version: PromptVersion, path: String, revisions: [FileRevision], blobs: [String: [UInt8]]) {
        self.version = version
        self.path = path
        var spans: [Span] = []
        for revision in revisions {
            var text: Text?
            if let blob = revision.blob, let bytes = blobs[blob], Self.names(revision.path, version) {
                let decoded = String(validating: bytes, as: UTF8.self)
                text = Text(sha256: PromptHash.of(bytes: bytes), text: decoded)
            }
            if let last = spans.last, last.text?.sha256 == text?.sha256 { continue }
            if spans.isEmpty, text == nil { continue }
            if !spans.isEmpty { spans[spans.count - 1].until = revision.committedAt }
            spans.append(Span(from: revision.committedAt, until: nil, commit: revision.commit, text: text))
        }
        self.spans = spans
    }

    /// Whether `path` is a template file of `version`: `…/NAME/VERSION[.EXT]`.
    static func names(_ path: String, _ version: PromptVersion) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count >= 2 else { return false }
        let fileName = String(components[components.count - 1])
        return String(components[components.count - 2]) == version.name
            && PromptFile.versionLabel(fileName: fileName) == version.version
    }
}
