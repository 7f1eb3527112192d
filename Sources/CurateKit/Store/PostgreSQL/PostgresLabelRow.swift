/// One label as the PostgreSQL store keeps it: the columns of its `labels` table, with the
/// provenance tuple and the ingest as the numbers of their rows.
struct PostgresLabelRow: Sendable, Equatable {
    /// The record id: the caller's, or the hex SHA-256 of the record's canonical content.
    var id: String
    /// SHA-256 of the record's canonical content; tells a duplicate from a conflict.
    var contentSHA256: [UInt8]
    var tupleID: Int64
    var ingestID: Int64
    var task: String
    var inputID: String
    /// Nanoseconds since the epoch, UTC.
    var createdAt: Int64
    /// Canonical JSON of the output.
    var output: String
    /// Canonical JSON of the input payload.
    var input: String?
    /// Canonical JSON of the generation parameters.
    var params: String?
    var run: String?
    /// Canonical JSON of anything else the record kept.
    var meta: String?
    /// The record id of the label this one replaces.
    var supersedes: String?

    /// The columns of `labels` a row fills, in the order ``write(to:)`` writes them.
    static let columns = "id, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, supersedes"

    /// `record` as stored under provenance tuple `tupleID` by ingest `ingestID`.
    init(_ record: LabelRecord, tupleID: Int64, ingestID: Int64) {
        self.init(
            id: record.id, contentSHA256: record.contentDigest, tupleID: tupleID, ingestID: ingestID, task: record.task,
            inputID: record.inputID, createdAt: record.createdAt.nanosecondsSinceEpoch, output: record.output, input: record.input,
            params: record.params, run: record.run, meta: record.meta, supersedes: record.supersedes)
    }

    /// A row from every column's value.
    init(
        id: String, contentSHA256: [UInt8], tupleID: Int64, ingestID: Int64, task: String, inputID: String, createdAt: Int64,
        output: String, input: String? = nil, params: String? = nil, run: String? = nil, meta: String? = nil, supersedes: String? = nil
    ) {
        self.id = id
        self.contentSHA256 = contentSHA256
        self.tupleID = tupleID
        self.ingestID = ingestID
        self.task = task
        self.inputID = inputID
        self.createdAt = createdAt
        self.output = output
        self.input = input
        self.params = params
        self.run = run
        self.meta = meta
        self.supersedes = supersedes
    }

    /// Writes the row's fields, in the order of ``columns``, as one COPY row.
    /// - Throws: ``PostgresError/nulCharacter(store:field:)`` for a text holding U+0000.
    func write(to writer: PostgresCopyWriter) throws(PostgresError) {
        func text(_ value: String?, _ column: String) throws(PostgresError) {
            try writer.text(value, field: "label \(id), field \(column)")
        }
        try text(id, "id")
        writer.bytes(contentSHA256)
        writer.integer(tupleID)
        writer.integer(ingestID)
        try text(task, "task")
        try text(inputID, "input_id")
        writer.integer(createdAt)
        try text(output, "output")
        try text(input, "input")
        try text(params, "params")
        try text(run, "run")
        try text(meta, "meta")
        try text(supersedes, "supersedes")
    }
}

extension PostgresLabelRow {
    /// A row from its fields as a query of ``columns`` returns them, in that order.
    /// - Throws: ``PostgresError/badValue(store:table:row:column:value:)`` naming the first
    ///   field that is missing or not what curate writes there.
    init(fields: [String?], store: PostgresURL) throws(PostgresError) {
        let id = fields.first ?? nil
        func bad(_ column: String, _ value: String?) -> PostgresError {
            .badValue(store: store, table: "labels", row: "row id \(id ?? "NULL")", column: column, value: value ?? "NULL")
        }
        func text(_ index: Int, _ column: String) throws(PostgresError) -> String {
            guard index < fields.count, let value = fields[index] else { throw bad(column, nil) }
            return value
        }
        func integer(_ index: Int, _ column: String) throws(PostgresError) -> Int64 {
            let value = try text(index, column)
            guard let number = Int64(value) else { throw bad(column, value) }
            return number
        }
        guard fields.count == 13 else { throw bad("(all)", "\(fields.count) columns") }
        let digest = try text(1, "content_sha256")
        guard let bytes = Self.bytea(digest) else { throw bad("content_sha256", digest) }
        self.init(
            id: try text(0, "id"), contentSHA256: bytes, tupleID: try integer(2, "tuple_id"), ingestID: try integer(3, "ingest_id"),
            task: try text(4, "task"), inputID: try text(5, "input_id"), createdAt: try integer(6, "created_at"),
            output: try text(7, "output"), input: fields[8], params: fields[9], run: fields[10], meta: fields[11], supersedes: fields[12])
    }

    /// The bytes of a `bytea` value in its hex text form (`\x`, then two hex digits a byte).
    static func bytea(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("\\x") else { return nil }
        let digits = Array(text.utf8.dropFirst(2))
        guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }
}
