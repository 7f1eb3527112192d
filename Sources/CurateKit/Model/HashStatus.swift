/// How sure `curate` is of the prompt text behind a label.
public enum HashStatus: String, Sendable, Codable, CaseIterable, Comparable {
    /// The record carried the template's hash or text.
    case recorded
    /// The version label had exactly one known text (lock file or store).
    case resolved
    /// Placed by `curate backfill --from-git` from the file's git history.
    case inferredGit = "inferred-git"
    /// The version label has had several texts; which one is not known yet.
    case ambiguous
    /// No text is known for the version label.
    case unknown

    public static func < (lhs: HashStatus, rhs: HashStatus) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
