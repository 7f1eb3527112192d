import CPendingLabels
import CSQLite

/// A thin, owning wrapper over one SQLite connection (the C API, nothing more).
///
/// Not thread-safe: one connection is used by one thread at a time.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String

    /// Library-wide settings, made once before the first connection opens (SQLite refuses
    /// them later): no memory statistics, which cost a global mutex per allocation.
    private static let libraryConfigured: Void = {
        _ = curate_sqlite3_config_memstatus(0)
    }()

    /// Opens the database at `path`; `create` makes the file when there is none.
    init(path: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(StoreError) {
        Self.libraryConfigured
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw .sqlite(path: path, code: status, message: reason)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The rows the `curate_pending_labels` table shows on this connection (see
    /// ``PendingLabels``), registered on first use and freed when the connection closes.
    private(set) lazy var pendingLabels: UnsafeMutablePointer<curate_pending_labels>? = curate_register_pending_labels(handle)

    /// The rows the `curate_pending_keys` table shows on this connection (see
    /// ``LabelKeys``), registered on first use and freed when the connection closes.
    private(set) lazy var pendingKeys: UnsafeMutablePointer<curate_pending_keys>? = curate_register_pending_keys(handle)

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw error(status, text)
        }
    }

    /// Compiles one statement for repeated use.
    func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw lastError(status) }
        return Statement(handle: statement, connection: self)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func lastError(_ status: Int32) -> StoreError {
        error(status, String(cString: sqlite3_errmsg(handle)))
    }

    private func error(_ status: Int32, _ message: String) -> StoreError {
        status & 0xFF == SQLITE_BUSY ? .busy(path: path) : .sqlite(path: path, code: status, message: message)
    }
}

/// A prepared statement: bind by position (from 1), step, read columns (from 0).
final class Statement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    fileprivate init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Clears bindings and rewinds, ready for the next use.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var copy = value
        copy.withUTF8 { buffer in
            let count = Int32(buffer.count)
            buffer.withMemoryRebound(to: CChar.self) { characters in
                if let start = characters.baseAddress {
                    _ = sqlite3_bind_text(handle, index, start, count, Self.transient)
                } else {
                    _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    /// Binds `count` bytes at `start` as text (or as a blob) without copying them: they must
    /// stay valid and unchanged until the statement is reset.
    func bind(_ index: Int32, borrowing start: UnsafePointer<UInt8>, count: Int, asBlob: Bool = false) {
        if asBlob {
            sqlite3_bind_blob(handle, index, start, Int32(count), nil)
        } else {
            start.withMemoryRebound(to: CChar.self, capacity: count) { _ = sqlite3_bind_text(handle, index, $0, Int32(count), nil) }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds values to positions 1, 2, … in order.
    func bind(_ values: [Value]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): bind(index, text)
            case .integer(let number): bind(index, number)
            case .blob(let bytes): bytes.withUnsafeBytes { _ = sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        }
    }

    /// Steps once; true when a row is ready to read.
    @discardableResult
    func step() throws(StoreError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(status)
        }
    }

    /// Runs the statement to its end, then resets it.
    func run(_ values: [Value] = []) throws(StoreError) {
        defer { reset() }
        bind(values)
        while try step() {}
    }

    /// Runs a query and maps each row, then resets the statement.
    func rows<Row>(_ values: [Value] = [], _ map: (Statement) throws(StoreError) -> Row) throws(StoreError) -> [Row] {
        defer { reset() }
        bind(values)
        var rows: [Row] = []
        while try step() { rows.append(try map(self)) }
        return rows
    }

    /// A text column's value, read by its byte length so a NUL inside it is kept; nil for NULL.
    func string(_ column: Int32) -> String? {
        withText(column) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// Calls `body` with a text column's bytes, in place (valid until the next step or reset); nil for NULL.
    func withText<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
        try body(textBytes(column))
    }

    /// A text column's bytes, in place: valid only until the next step or reset. Nil for NULL.
    func textBytes(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Calls `body` with a blob column's bytes, in place (valid until the next step or reset).
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column), count: count))
    }

    /// A value to bind, for statements run with a list of arguments.
    enum Value {
        case text(String?)
        case integer(Int64?)
        case blob([UInt8])
    }
}
