/// A parsed ``OutputPattern``: the tree the compiler turns into a program. Groups leave no
/// node of their own (nothing is captured) and `(?i)` is already applied to the sets.
indirect enum PatternNode: Sendable {
    /// A zero-width condition on the position.
    enum Assertion: Sendable, Equatable {
        /// `^`: the start of the text.
        case textStart
        /// `$`: the end of the text.
        case textEnd
        /// `\b`: a word character on one side and not on the other.
        case wordBoundary
        /// `\B`: the same on both sides.
        case notWordBoundary
    }

    /// One unit of the set (a literal is a set of one or, under `(?i)`, of its case variants).
    case units(UnitSet)
    /// A condition that consumes nothing.
    case assertion(Assertion)
    /// Each node in turn (none: the empty string).
    case sequence([PatternNode])
    /// Any one of the nodes.
    case alternatives([PatternNode])
    /// The node `min` to `max` times (`max` nil: no limit); `quantifier` is the scalar
    /// offset of the quantifier in the pattern, for a message.
    case repetition(PatternNode, min: Int, max: Int?, quantifier: Int)
}
