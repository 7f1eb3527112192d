/// One row a PostgreSQL query returned (its values as text, nil for NULL), read as curate's
/// types the way ``Statement`` reads a SQLite row: a NULL where the schema needs a value, or a
/// value curate never writes, throws ``PostgresError/badValue(store:table:row:column:value:)``
/// naming the table, the row and the column. A damaged store is never read as a default.
struct PostgresRow {
    /// The row's values as text, nil for NULL, in the query's column order.
    let fields: [String?]
    private let table: String
    private let store: PostgresURL
    private let key: () -> String

    /// A row of `table` in `store`; `key` names it as a person finds it (made only when a value is bad).
    init(_ fields: [String?], table: String, store: PostgresURL, key: @escaping () -> String) {
        self.fields = fields
        self.table = table
        self.store = store
        self.key = key
    }

    /// Field `index`, nil for NULL.
    func optionalText(_ index: Int) -> String? {
        fields.indices.contains(index) ? fields[index] : nil
    }

    /// Field `index`, of column `column`, which must not be NULL.
    func text(_ index: Int, _ column: String) throws(PostgresError) -> String {
        guard let text = optionalText(index) else { throw badValue(index, column) }
        return text
    }

    /// Field `index`, of column `column`, which must hold an integer.
    func integer(_ index: Int, _ column: String) throws(PostgresError) -> Int64 {
        guard let integer = try optionalInteger(index, column) else { throw badValue(index, column) }
        return integer
    }

    /// Field `index`, of column `column`: an integer, or nil for NULL; any other text is damage.
    func optionalInteger(_ index: Int, _ column: String) throws(PostgresError) -> Int64? {
        guard let text = optionalText(index) else { return nil }
        guard let integer = Int64(text) else { throw badValue(index, column) }
        return integer
    }

    /// A time stored as nanoseconds since the epoch in field `index`, of column `column`.
    func timestamp(_ index: Int, _ column: String) throws(PostgresError) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: try integer(index, column))
    }

    /// A string enumeration stored as its raw value in field `index`, of column `column`:
    /// NULL or any other text is damage.
    func value<Value: RawRepresentable<String>>(_ index: Int, _ column: String) throws(PostgresError) -> Value {
        guard let value = try optionalValue(index, column) as Value? else { throw badValue(index, column) }
        return value
    }

    /// A string enumeration in field `index`, of column `column`, or nil for NULL; any other text is damage.
    func optionalValue<Value: RawRepresentable<String>>(_ index: Int, _ column: String) throws(PostgresError) -> Value? {
        guard let text = optionalText(index) else { return nil }
        guard let value = Value(rawValue: text) else { throw badValue(index, column) }
        return value
    }

    /// Field `index`, of `bytea` column `column`.
    func bytes(_ index: Int, _ column: String) throws(PostgresError) -> [UInt8] {
        guard let value = PostgresLabelRow.bytea(try text(index, column)) else { throw badValue(index, column) }
        return value
    }

    /// The provenance tuple in the eight fields from `index` on, as ``PostgresStore/tupleColumns``
    /// selects them: task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256,
    /// hash_status. An LLM tuple needs its model, prompt and hash status; a human one its annotator.
    func provenanceTuple(from index: Int) throws(PostgresError) -> ProvenanceTuple {
        let origin: Origin = try value(index + 1, "origin")
        var tuple = ProvenanceTuple(task: try text(index, "task"), origin: origin, model: nil, annotator: nil, prompt: nil, hashStatus: nil)
        switch origin {
        case .llm:
            tuple.model = try text(index + 2, "model")
            tuple.prompt = PromptRef(
                name: try text(index + 4, "prompt_name"), version: try text(index + 5, "prompt_version"), sha256: optionalText(index + 6))
            tuple.hashStatus = try value(index + 7, "hash_status") as HashStatus
        case .human:
            tuple.annotator = try text(index + 3, "annotator")
        }
        return tuple
    }

    /// The error for field `index`, of column `column`: its value shown as the server sent it
    /// (`NULL` for NULL, a long one shortened).
    func badValue(_ index: Int, _ column: String) -> PostgresError {
        let shown = optionalText(index).map { $0.count > 100 ? String($0.prefix(100)) + "…" : $0 } ?? "NULL"
        return .badValue(store: store, table: table, row: key(), column: column, value: shown)
    }
}

extension PostgresStore {
    /// The columns ``PostgresRow/provenanceTuple(from:)`` reads, from `tuple_labels c` (or any
    /// table with a `task`) joined with `tuples t` and `prompts p`.
    static let tupleColumns = """
        c.task, t.origin, t.model, t.annotator, p.name AS prompt_name, p.version AS prompt_version,
        p.sha256 AS prompt_sha256, t.hash_status
        """

    /// `fields` as a row of `table` in this store; `key` names the row for an error.
    func row(_ fields: [String?], of table: String, key: @escaping () -> String) -> PostgresRow {
        PostgresRow(fields, table: table, store: url, key: key)
    }

    /// `fields` as the row of `tuples` with id `id`, for reading its provenance tuple.
    func tupleRow(_ fields: [String?], id: Int64) -> PostgresRow {
        row(fields, of: "tuples") { "row id \(id)" }
    }
}
