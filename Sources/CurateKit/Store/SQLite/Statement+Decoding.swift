import CSQLite

/// Reading stored values that must be there and well formed, as GRDB's `RowDecodingError`
/// does: a NULL where the schema needs a value, or a value curate never writes, throws
/// ``StoreError/badValue(path:table:row:column:value:)`` naming the table, the row and the
/// column. A damaged store is never read as a default.
extension Statement {
    /// Where the current row comes from, for an error: its table, and its key as a person finds it
    /// (made only when a value is bad).
    struct RowPlace {
        let table: String
        let key: () -> String
    }

    /// Text column `column`, which must not be NULL.
    func text(_ column: Int32, of row: RowPlace) throws(StoreError) -> String {
        guard let text = string(column) else { throw badValue(column, of: row) }
        return text
    }

    /// Text column `column`'s bytes, in place (valid only until the next step or reset), which must not be NULL.
    func textBytes(_ column: Int32, of row: RowPlace) throws(StoreError) -> UnsafeRawBufferPointer {
        guard let bytes = textBytes(column) else { throw badValue(column, of: row) }
        return bytes
    }

    /// Integer column `column`, which must hold an integer.
    func integer(_ column: Int32, of row: RowPlace) throws(StoreError) -> Int64 {
        guard sqlite3_column_type(handle, column) == SQLITE_INTEGER else { throw badValue(column, of: row) }
        return sqlite3_column_int64(handle, column)
    }

    /// A time stored as nanoseconds since the epoch in column `column`.
    func timestamp(_ column: Int32, of row: RowPlace) throws(StoreError) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: try integer(column, of: row))
    }

    /// A string enumeration stored as its raw value in column `column`: NULL or any other text is damage.
    func value<Value: RawRepresentable<String>>(_ column: Int32, of row: RowPlace) throws(StoreError) -> Value {
        guard let value = try optionalValue(column, of: row) as Value? else { throw badValue(column, of: row) }
        return value
    }

    /// A string enumeration in column `column`, or nil for NULL; any other text is damage.
    func optionalValue<Value: RawRepresentable<String>>(_ column: Int32, of row: RowPlace) throws(StoreError) -> Value? {
        guard let text = string(column) else { return nil }
        guard let value = Value(rawValue: text) else { throw badValue(column, of: row) }
        return value
    }

    /// The provenance tuple in columns 0–7: task, origin, model, annotator, prompt_name,
    /// prompt_version, prompt_sha256, hash_status. An LLM tuple needs its model, prompt and
    /// hash status; a human one its annotator.
    func provenanceTuple(of row: RowPlace) throws(StoreError) -> ProvenanceTuple {
        let origin: Origin = try value(1, of: row)
        var tuple = ProvenanceTuple(task: try text(0, of: row), origin: origin, model: nil, annotator: nil, prompt: nil, hashStatus: nil)
        switch origin {
        case .llm:
            tuple.model = try text(2, of: row)
            tuple.prompt = PromptRef(name: try text(4, of: row), version: try text(5, of: row), sha256: string(6))
            tuple.hashStatus = try value(7, of: row) as HashStatus
        case .human:
            tuple.annotator = try text(3, of: row)
        }
        return tuple
    }

    /// The error for column `column` of the current row.
    func badValue(_ column: Int32, of row: RowPlace) -> StoreError {
        let name = sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "\(column)"
        return .badValue(path: connection.path, table: row.table, row: row.key(), column: name, value: shownValue(column))
    }

    /// Column `column` of the current row as SQLite's `quote()` shows it (long texts shortened),
    /// for messages.
    func shownValue(_ column: Int32) -> String {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return "NULL"
        case SQLITE_INTEGER: return String(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return String(sqlite3_column_double(handle, column))
        case SQLITE_BLOB: return "a blob of \(sqlite3_column_bytes(handle, column)) bytes"
        default:
            let text = string(column) ?? ""
            var quoted = "'"
            for character in text.prefix(100) { quoted += character == "'" ? "''" : String(character) }
            return quoted + (text.count > 100 ? "…'" : "'")
        }
    }
}

extension SQLiteStore {
    /// The columns ``Statement/provenanceTuple(of:)`` reads, from `tuple_labels c` joined with
    /// `tuples t` and `prompts p`.
    static let tupleColumns = """
        c.task, t.origin, t.model, t.annotator, p.name AS prompt_name, p.version AS prompt_version,
        p.sha256 AS prompt_sha256, t.hash_status
        """

    /// Where a row of `tuples` is, for an error.
    static func tupleRow(_ id: Int64) -> Statement.RowPlace {
        Statement.RowPlace(table: "tuples") { "row id \(id)" }
    }
}
