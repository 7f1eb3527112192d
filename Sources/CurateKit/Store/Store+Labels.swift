import Crypto
import Foundation

/// What the store did with one record offered to it.
public enum InsertOutcome: Sendable, Equatable {
    /// Stored as a new label.
    case inserted
    /// Already stored with the same content; nothing changed.
    case duplicate
    /// Its id is already stored with different content; nothing changed.
    case conflict
}

extension Store {
    /// Runs `body` with a ``LabelWriter`` inside one write transaction.
    ///
    /// Everything `body` adds is committed when it returns and rolled back when it throws,
    /// so an invocation that is refused, or killed, leaves the store as it was.
    /// - Parameters:
    ///   - sources: the names of the inputs, kept in the ingest log.
    ///   - ingestedAt: the time recorded as every new label's `ingested_at`.
    public func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (LabelWriter) throws -> T) throws -> T {
        try transaction {
            let log = try connection.prepare("INSERT INTO ingests (ingested_at, sources) VALUES (?, ?)")
            let sourcesJSON = JSONWriter.canonical(.array(sources.map { .string($0) }))
            try log.run([.integer(ingestedAt.nanosecondsSinceEpoch), .text(sourcesJSON)])
            let writer = try LabelWriter(connection: connection, ingestID: connection.lastInsertRowID)
            return try body(writer)
        }
    }
}

/// Adds labels inside an ingest transaction, with every statement prepared once.
public final class LabelWriter {
    private let connection: SQLiteConnection
    private let ingestID: Int64
    private let findLabel: Statement
    private let insertLabel: Statement
    private let provenance: ProvenanceRows

    fileprivate init(connection: SQLiteConnection, ingestID: Int64) throws(StoreError) {
        self.connection = connection
        self.ingestID = ingestID
        findLabel = try connection.prepare("SELECT content_sha256 FROM labels WHERE id_key = ? AND id = ?")
        insertLabel = try connection.prepare("""
            INSERT INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        provenance = try ProvenanceRows(connection: connection)
    }

    /// Stores `record` unless its id is already there.
    /// - Returns: whether it was new, a duplicate of what is stored, or a conflict with it.
    public func add(_ record: LabelRecord) throws -> InsertOutcome {
        let key = Self.idKey(record.id)
        findLabel.bind(1, key)
        findLabel.bind(2, record.id)
        if try findLabel.step() {
            let stored = findLabel.blob(0)
            findLabel.reset()
            return stored == record.contentDigest ? .duplicate : .conflict
        }
        findLabel.reset()

        let tupleID = try provenance.tupleID(for: record.producer)
        defer { insertLabel.reset() }
        insertLabel.bind(1, record.id)
        insertLabel.bind(2, key)
        insertLabel.bind(3, blob: record.contentDigest)
        insertLabel.bind(4, tupleID)
        insertLabel.bind(5, ingestID)
        insertLabel.bind(6, record.task)
        insertLabel.bind(7, record.inputID)
        insertLabel.bind(8, record.createdAt.nanosecondsSinceEpoch)
        insertLabel.bind(9, record.output)
        insertLabel.bind(10, record.input)
        insertLabel.bind(11, record.params)
        insertLabel.bind(12, record.run)
        insertLabel.bind(13, record.meta)
        try insertLabel.step()
        return .inserted
    }

    /// The lookup key of a record id, a function of the id alone: for a content-hash id
    /// (64 hex digits) its first 16 digits as a signed integer, for any other id
    /// the first 8 bytes of its SHA-256. Keys may collide; lookups also compare the id.
    static func idKey(_ id: String) -> Int64 {
        if id.utf8.count == 64, let prefix = UInt64(id.prefix(16), radix: 16) {
            return Int64(bitPattern: prefix)
        }
        let digest = SHA256.hash(data: Array(id.utf8))
        return digest.withUnsafeBytes { bytes in
            bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }
}
