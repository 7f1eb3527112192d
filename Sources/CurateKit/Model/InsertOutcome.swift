/// What the store did with one record offered to it.
public enum InsertOutcome: Sendable, Equatable {
    /// Stored as a new label.
    case inserted
    /// Already stored with the same content; nothing changed.
    case duplicate
    /// Its id is already stored with different content; nothing changed.
    case conflict
}
