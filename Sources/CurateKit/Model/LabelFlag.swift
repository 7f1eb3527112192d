/// What a flag quarantines: every label of a prompt, a model, a run, one record, or every
/// label whose output matches a regular expression.
public enum FlagKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case prompt
    case model
    case run
    case record
    case output

    public static func < (lhs: FlagKind, rhs: FlagKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// A persistent quarantine: labels it matches are left out of every export unless
/// the export includes flagged labels.
public struct LabelFlag: Sendable, Hashable, Comparable {
    /// What kind of thing is flagged.
    public var kind: FlagKind
    /// The flagged thing, in canonical form: a ``PromptPattern`` description
    /// (`sentiment@v3#<sha256>`, `*@v2`), a model glob, a run id or a record id.
    public var target: String
    /// Why, in the words of whoever flagged it.
    public var reason: String
    /// When it was flagged.
    public var createdAt: Timestamp

    /// A flag of `target` (already in canonical form).
    public init(kind: FlagKind, target: String, reason: String, createdAt: Timestamp) {
        self.kind = kind
        self.target = target
        self.reason = reason
        self.createdAt = createdAt
    }

    /// Flags sort by kind, then target.
    public static func < (lhs: LabelFlag, rhs: LabelFlag) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.target.utf8.lexicographicallyPrecedes(rhs.target.utf8)
    }
}
