import Foundation

/// Copies a whole store into a new, empty one, between any two backends: SQLite to PostgreSQL
/// when a team grows, PostgreSQL to SQLite for a laptop, SQLite to SQLite as a backup.
///
/// Nothing is lost: every label with its id, content hash and columns, its provenance tuple
/// and prompt, its ingest (ids kept, so `retract ingest N` and a manifest's `store.last_ingest`
/// mean the same on both sides), flags, retractions with the labels each took, stored batches
/// and the label counts per tuple. The source is read in one snapshot while others may write
/// to it; the target is written in one transaction, so a failed copy leaves it empty.
public enum StoreCopier {
    /// Copies the store at `source` into the store at `target`, which must exist and be empty.
    /// - Returns: what was copied, and the copy's state.
    /// - Throws: ``StoreCopyError`` for the same store twice, a missing target or one that holds
    ///   anything; ``StoreError`` or ``PostgresError`` when a store cannot be opened, read or written.
    public static func copy(from source: StoreLocation, to target: StoreLocation) throws -> StoreCopySummary {
        guard source != target else { throw StoreCopyError.sameStore(store: source.description) }
        let from = try Store(source)
        let to: Store
        do {
            to = try Store(target)
        } catch StoreError.missing, PostgresError.notACurateStore {
            throw StoreCopyError.missingTarget(store: target.description)
        }
        let copied = try copy(from: from.backend, to: to.backend)
        return StoreCopySummary(source: source, target: target, copied: copied, state: try to.backend.state())
    }

    /// Copies everything `source` holds into `target`, which must hold nothing.
    static func copy(from source: any StoreBackend, to target: any StoreBackend) throws -> StoreCopyCounts {
        try source.readContents { contents in try target.writeContents(contents) }
    }

    /// The names of the tables a store keeps, in the order a copy fills them.
    static let tables = [
        "ingests", "prompts", "tuples", "labels", "tuple_labels", "flags", "retractions", "retracted_labels", "stored_batches",
    ]

    /// A query, the same on both backends, whose rows name each of ``tables`` that holds a row.
    static let occupiedTablesQuery = tables.map { "SELECT '\($0)' WHERE EXISTS (SELECT 1 FROM \($0))" }.joined(separator: " UNION ALL ")
}
