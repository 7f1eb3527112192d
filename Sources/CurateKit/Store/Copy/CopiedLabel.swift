/// One label of a store being copied: its place in the storing order, and every column as stored.
///
/// The columns are a ``PostgresLabelRow``: exactly the values of a stored label, with its
/// provenance tuple and ingest as the ids of their rows, whichever backend it comes from.
struct CopiedLabel: Sendable, Equatable {
    /// Its place in the order labels were stored (SQLite's and PostgreSQL's `seq`).
    var seq: Int64
    var columns: PostgresLabelRow
}
