/// Finds or inserts the `prompts` and `tuples` rows a label points to, with every
/// statement prepared once and every id remembered for the life of one transaction.
///
/// Shared by ingest (``SQLiteLabelWriter``) and by prompt reassignment (backfill), so a
/// prompt text or provenance tuple has one row however it arrived.
final class ProvenanceRows {
    private let insertPrompt: Statement
    private let findPrompt: Statement
    private let addPromptText: Statement
    private let insertTuple: Statement
    private let findTuple: Statement
    private let connection: SQLiteConnection
    private var promptIDs: [PromptRef: (id: Int64, hasText: Bool)] = [:]
    /// How many `prompts` rows this has inserted: the store's known prompt texts changed when it grows.
    private(set) var promptRowsAdded = 0
    private var tupleIDs: [TupleKey: Int64] = [:]
    /// The tuple row of each provenance seen, by provenance number.
    private var numberedTupleIDs = NumberedTupleIDs()

    /// What identifies a `tuples` row.
    typealias TupleKey = TupleRowKey

    init(connection: SQLiteConnection) throws(StoreError) {
        self.connection = connection
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

    /// The tuple row of a record's producer, inserted (with its prompt row) when new.
    /// - Parameter number: the number of the record's provenance (see ``ProvenanceNumbers``).
    func tupleID(for producer: LabelRecord.Producer, number: Int) throws -> Int64 {
        try numberedTupleIDs.id(for: producer, number: number, find: storedTupleID(for:))
    }

    private func storedTupleID(for producer: LabelRecord.Producer) throws -> Int64 {
        switch producer {
        case .llm(let model, let prompt, let text, let status):
            let promptID = try promptID(for: prompt, text: text)
            return try tupleID(for: TupleKey(origin: .llm, model: model, annotator: nil, promptID: promptID, hashStatus: status))
        case .human(let annotator):
            return try tupleID(for: TupleKey(origin: .human, model: nil, annotator: annotator, promptID: nil, hashStatus: nil))
        }
    }

    /// The id of the tuple row `key`, inserted when new.
    func tupleID(for key: TupleKey) throws -> Int64 {
        if let id = tupleIDs[key] { return id }
        let values: [Statement.Value] = [
            .text(key.origin.rawValue), .text(key.model), .text(key.annotator), .integer(key.promptID), .text(key.hashStatus?.rawValue),
        ]
        try insertTuple.run(values)
        guard let id = try findTuple.rows(values, { $0.int64(0) }).first ?? nil else {
            throw StoreError.inconsistent(path: connection.path, reason: "a provenance tuple vanished while it was being stored")
        }
        tupleIDs[key] = id
        return id
    }

    /// The id of the prompt row (name, version, hash), inserted when new; `text` fills in a missing text.
    func promptID(for prompt: PromptRef, text: String?) throws -> Int64 {
        if let known = promptIDs[prompt], known.hasText || text == nil { return known.id }
        try insertPrompt.run([.text(prompt.name), .text(prompt.version), .text(prompt.sha256), .text(text)])
        promptRowsAdded += connection.changes
        let lookup: [Statement.Value] = [.text(prompt.name), .text(prompt.version), .text(prompt.sha256)]
        guard let row = try findPrompt.rows(lookup, { ($0.int64(0), $0.int64(1) == 1) }).first, let id = row.0 else {
            throw StoreError.inconsistent(path: connection.path, reason: "a prompt vanished while it was being stored")
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
