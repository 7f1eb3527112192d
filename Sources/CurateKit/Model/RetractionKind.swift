/// What a retraction names: one record, every label of a run, or every label one ingest stored.
public enum RetractionKind: String, Sendable, Hashable, CaseIterable {
    case record
    case run
    case ingest
}
