/// One row a PostgreSQL query returned, its values as text, read the way the SQLite store reads
/// its rows: a NULL where the schema needs a value, or a value curate never writes, throws
/// ``PostgresError/badValue(store:table:row:column:value:)`` naming the table, the row and the
/// column. A damaged store is never read as a default.
struct PostgresRowValues {
    /// The row's values as the server sent them; nil for NULL.
    let fields: [String?]
    let store: PostgresURL
    /// The table the row comes from, for an error.
    let table: String
    /// The row's key as a person finds it (e.g. `row id 7`), made only for an error.
    let key: () -> String

    /// Column `index` as text, or nil for NULL.
    func optionalText(_ index: Int) -> String? {
        index < fields.count ? fields[index] : nil
    }

    /// Text column `index`, named `column`, which must not be NULL.
    func text(_ index: Int, _ column: String) throws(PostgresError) -> String {
        guard let text = optionalText(index) else { throw badValue(index, column) }
        return text
    }

    /// Integer column `index`, named `column`.
    func integer(_ index: Int, _ column: String) throws(PostgresError) -> Int64 {
        guard let number = Int64(try text(index, column)) else { throw badValue(index, column) }
        return number
    }

    /// A time stored as nanoseconds since the epoch in column `index`, named `column`.
    func timestamp(_ index: Int, _ column: String) throws(PostgresError) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: try integer(index, column))
    }

    /// A string enumeration stored as its raw value in column `index`, named `column`.
    func value<Value: RawRepresentable<String>>(_ index: Int, _ column: String) throws(PostgresError) -> Value {
        guard let value = Value(rawValue: try text(index, column)) else { throw badValue(index, column) }
        return value
    }

    /// The provenance tuple of `task` in the seven columns from `index`: origin, model,
    /// annotator, prompt name, prompt version, prompt sha256, hash status. An LLM tuple needs
    /// its model, prompt and hash status; a human one its annotator.
    func provenanceTuple(task: String, from index: Int) throws(PostgresError) -> ProvenanceTuple {
        let origin: Origin = try value(index, "origin")
        var tuple = ProvenanceTuple(task: task, origin: origin, model: nil, annotator: nil, prompt: nil, hashStatus: nil)
        switch origin {
        case .llm:
            tuple.model = try text(index + 1, "model")
            tuple.prompt = PromptRef(
                name: try text(index + 3, "prompt name"), version: try text(index + 4, "prompt version"), sha256: optionalText(index + 5))
            tuple.hashStatus = try value(index + 6, "hash_status") as HashStatus
        case .human:
            tuple.annotator = try text(index + 2, "annotator")
        }
        return tuple
    }

    /// The error for column `index`, named `column`, of this row.
    func badValue(_ index: Int, _ column: String) -> PostgresError {
        .badValue(store: store, table: table, row: key(), column: column, value: shownValue(index))
    }

    /// Column `index` quoted as SQL shows it (long texts shortened), or `NULL`, for messages.
    private func shownValue(_ index: Int) -> String {
        guard let text = optionalText(index) else { return "NULL" }
        var quoted = "'"
        for character in text.prefix(100) { quoted += character == "'" ? "''" : String(character) }
        return quoted + (text.count > 100 ? "…'" : "'")
    }
}
