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
    private let insertPrompt: Statement
    private let findPrompt: Statement
    private let addPromptText: Statement
    private let insertTuple: Statement
    private let findTuple: Statement
    private var promptIDs: [PromptRef: (id: Int64, hasText: Bool)] = [:]
    private var tupleIDs: [TupleKey: Int64] = [:]

    private struct TupleKey: Hashable {
        let origin: Origin
        let model: String?
        let annotator: String?
        let promptID: Int64?
        let hashStatus: HashStatus?
    }

    fileprivate init(connection: SQLiteConnection, ingestID: Int64) throws(StoreError) {
        self.connection = connection
        self.ingestID = ingestID
        findLabel = try connection.prepare("SELECT content_sha256 FROM labels WHERE id_key = ? AND id = ?")
        insertLabel = try connection.prepare("""
            INSERT INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertPrompt = try connection.prepare("INSERT INTO prompts (name, version, sha256, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        findPrompt = try connection.prepare("SELECT id, text IS NOT NULL FROM prompts WHERE name = ? AND version = ? AND ifnull(sha256, '') = ifnull(?, '')")
        addPromptText = try connection.prepare("UPDATE prompts SET text = ? WHERE id = ? AND text IS NULL")
        insertTuple = try connection.prepare("""
            INSERT INTO tuples (origin, model, annotator, prompt_id, hash_status) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        findTuple = try connection.prepare("""
            SELECT id FROM tuples WHERE origin = ? AND ifnull(model, '') = ifnull(?, '') AND ifnull(annotator, '') = ifnull(?, '')
              AND ifnull(prompt_id, 0) = ifnull(?, 0) AND ifnull(hash_status, '') = ifnull(?, '')
            """)
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

        let tupleID = try tupleID(for: record)
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

    private func tupleID(for record: LabelRecord) throws -> Int64 {
        let key: TupleKey
        switch record.producer {
        case .llm(let model, let prompt, let text, let status):
            let promptID = try promptID(for: prompt, text: text)
            key = TupleKey(origin: .llm, model: model, annotator: nil, promptID: promptID, hashStatus: status)
        case .human(let annotator):
            key = TupleKey(origin: .human, model: nil, annotator: annotator, promptID: nil, hashStatus: nil)
        }
        if let id = tupleIDs[key] { return id }
        let values: [Statement.Value] = [
            .text(key.origin.rawValue), .text(key.model), .text(key.annotator), .integer(key.promptID), .text(key.hashStatus?.rawValue),
        ]
        try insertTuple.run(values)
        guard let id = try findTuple.rows(values, { $0.int64(0) }).first ?? nil else {
            throw StoreError.sqlite(code: -1, message: "a provenance tuple vanished while it was being stored")
        }
        tupleIDs[key] = id
        return id
    }

    private func promptID(for prompt: PromptRef, text: String?) throws -> Int64 {
        if let known = promptIDs[prompt], known.hasText || text == nil { return known.id }
        try insertPrompt.run([.text(prompt.name), .text(prompt.version), .text(prompt.sha256), .text(text)])
        let lookup: [Statement.Value] = [.text(prompt.name), .text(prompt.version), .text(prompt.sha256)]
        guard let row = try findPrompt.rows(lookup, { ($0.int64(0), $0.int64(1) == 1) }).first, let id = row.0 else {
            throw StoreError.sqlite(code: -1, message: "a prompt vanished while it was being stored")
        }
        var hasText = row.1
        if let text, !hasText {
            try addPromptText.run([.text(text), .integer(id)])
            hasText = true
        }
        promptIDs[prompt] = (id, hasText)
        return id
    }
}
