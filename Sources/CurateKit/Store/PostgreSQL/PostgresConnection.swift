import CLibPQ
import Foundation

/// A thin, owning wrapper over one libpq connection: statements with bound values,
/// transactions that retry a lost conflict, and COPY in and out.
///
/// Every value goes to the server bound as a parameter (text format), never pasted into
/// SQL. Not thread-safe: one connection is used by one thread at a time; concurrent
/// writers each open their own.
final class PostgresConnection {
    /// Where this connection goes; every error names it, password masked.
    let url: PostgresURL
    private let handle: OpaquePointer

    /// How often a transaction that lost a serialization conflict or a deadlock is run.
    static let attempts = 8

    /// Connects with the connection string as given, so libpq applies `PGPASSWORD`,
    /// `~/.pgpass`, `PGSERVICE` and the other `PG…` variables as its users expect.
    /// - Throws: ``PostgresError/badConnectionString(store:message:)`` when libpq cannot
    ///   read it, ``PostgresError/missingDatabase(store:message:)`` when the server has no such
    ///   database, ``PostgresError/connectionFailed(store:message:)`` when the server cannot
    ///   be reached or refuses.
    init(url: PostgresURL) throws(PostgresError) {
        self.url = url
        var parseError: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url.connectionString, &parseError) else {
            let message = parseError.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(parseError)
            throw .badConnectionString(store: url, message: url.mask(Self.trimmed(message)))
        }
        PQconninfoFree(options)
        guard let handle = PQconnectdb(url.connectionString) else {
            throw .connectionFailed(store: url, message: "out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle))
            PQfinish(handle)
            // libpq gives no error code for a refused connection, only the server's message.
            let missing = message.contains("database \"") && message.contains("\" does not exist")
            throw missing ? .missingDatabase(store: url, message: url.mask(Self.trimmed(message)))
                : .connectionFailed(store: url, message: url.mask(Self.trimmed(message)))
        }
        self.handle = handle
        // Notices ("table exists, skipping") are the server talking to a person at a prompt:
        // left on, libpq writes them to stderr in the middle of curate's own output.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        guard PQsetClientEncoding(handle, "UTF8") == 0 else {
            throw lastError()
        }
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one statement with `values` bound to `$1`, `$2`, … (nil is NULL).
    /// - Returns: how many rows it inserted, updated, deleted or copied (0 for others).
    @discardableResult
    func execute(_ sql: String, _ values: [String?] = []) throws(PostgresError) -> Int {
        let result = try run(sql, values, expecting: PGRES_COMMAND_OK)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs a script of statements that take no values (a migration), in one round trip.
    func executeScript(_ sql: String) throws(PostgresError) {
        guard let result = PQexec(handle, sql) else { throw lastError() }
        defer { PQclear(result) }
        try check(result, expecting: PGRES_COMMAND_OK)
    }

    /// Runs one query with `values` bound to `$1`, `$2`, …
    /// - Returns: its rows, each a list of column values as text (nil for NULL).
    func query(_ sql: String, _ values: [String?] = []) throws(PostgresError) -> [[String?]] {
        let result = try run(sql, values, expecting: PGRES_TUPLES_OK)
        defer { PQclear(result) }
        let columns = PQnfields(result)
        return (0..<PQntuples(result)).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    /// What a transaction does: whether it writes or only reads one snapshot.
    enum Access {
        /// Reads and writes, each statement seeing what others committed before it
        /// (READ COMMITTED): `INSERT … ON CONFLICT` then waits for, and never fails on,
        /// a writer adding the same key.
        case write
        /// Reads only, every statement seeing the same snapshot (REPEATABLE READ).
        case read

        fileprivate var begin: String {
            switch self {
            case .write: "BEGIN ISOLATION LEVEL READ COMMITTED"
            case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The one place a transaction that lost a serialization conflict or a deadlock with
    /// another writer is retried: rolled back and run again from the start, after a short
    /// random pause, up to ``attempts`` times. So `body` must do everything the transaction
    /// does, and keep no state from a failed attempt.
    /// - Parameter retried: false for a `body` that cannot run twice (an ingest consumes its
    ///   input as it goes): a lost conflict is then thrown at once.
    func transaction<T>(_ access: Access = .write, retried: Bool = true, _ body: () throws -> T) throws -> T {
        for attempt in 1... {
            try execute(access.begin)
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch let error as PostgresError where error.isTransient && retried && attempt < Self.attempts {
                _ = try? execute("ROLLBACK")
                usleep(UInt32.random(in: 1_000...10_000) * UInt32(attempt))
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }
        preconditionFailure("a transaction's attempts ran out without an error")
    }

    /// Runs `COPY … FROM STDIN` (text format): `produce` writes the rows to the writer it
    /// is given, which sends them to the server about 1 MiB at a time.
    /// - Returns: how many rows the server stored.
    /// - Throws: what `produce` throws (the COPY is then abandoned, and stores nothing),
    ///   or the server's error.
    @discardableResult
    func copyIn(_ sql: String, _ produce: (PostgresCopyWriter) throws -> Void) throws -> Int {
        PQclear(try run(sql, [], expecting: PGRES_COPY_IN))
        let writer = PostgresCopyWriter(connection: self)
        do {
            try produce(writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "curate stopped sending rows")
            _ = try? finishCommand()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw lastError() }
        return try finishCommand()
    }

    /// Sends `bytes` (whole rows) as COPY data.
    func putCopyData(_ bytes: UnsafeRawBufferPointer) -> Result<Void, PostgresError> {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return .success(()) }
        return PQputCopyData(handle, start, Int32(bytes.count)) == 1 ? .success(()) : .failure(lastError())
    }

    /// Runs `COPY (query) TO STDOUT` (text format) and hands `row` each row's values as
    /// text (nil for NULL), one row at a time as the server sends it, so memory stays flat.
    ///
    /// COPY takes no parameters, so `values` are bound first to the session settings
    /// `curate.arg1`, `curate.arg2`, …, which `sql` reads with `current_setting('curate.arg1')`.
    /// - Returns: how many rows the server sent.
    /// - Throws: what `row` throws (the COPY is then cancelled), or the server's error.
    @discardableResult
    func copyOut(_ sql: String, _ values: [String] = [], row: ([String?]) throws -> Void) throws -> Int {
        if !values.isEmpty {
            let settings = values.indices.map { "set_config('curate.arg\($0 + 1)', $\($0 + 1), false)" }
            _ = try query("SELECT " + settings.joined(separator: ", "), values)
        }
        PQclear(try run(sql, [], expecting: PGRES_COPY_OUT))
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let count = PQgetCopyData(handle, &buffer, 0)
            guard count > 0, let buffer else { break }
            defer { PQfreemem(buffer) }
            guard failure == nil else { continue }  // cancelled: read to the end
            do {
                try row(PostgresCopyText.fields(of: UnsafeRawBufferPointer(start: buffer, count: Int(count))))
            } catch {
                failure = error
                cancel()
            }
        }
        if let failure {
            _ = try? finishCommand()
            throw failure
        }
        return try finishCommand()
    }

    /// Asks the server to stop the running statement.
    private func cancel() {
        guard let request = PQgetCancel(handle) else { return }
        var reason = [CChar](repeating: 0, count: 256)
        _ = PQcancel(request, &reason, Int32(reason.count))
        PQfreeCancel(request)
    }

    /// Reads the results of a finished COPY: how many rows it moved, or its error.
    private func finishCommand() throws(PostgresError) -> Int {
        var rows = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            do {
                try check(result, expecting: PGRES_COMMAND_OK)
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return rows
    }

    /// Runs `sql` with `values` bound, and checks that its result has status `expected`.
    private func run(_ sql: String, _ values: [String?], expecting expected: ExecStatusType) throws(PostgresError) -> OpaquePointer {
        if let index = values.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw .nulCharacter(store: url, field: "value $\(index + 1) of a statement")
        }
        let texts: [UnsafeMutablePointer<CChar>?] = values.map { value in value.flatMap { strdup($0) } }
        defer { texts.forEach { free($0) } }
        let pointers = texts.map { UnsafePointer($0) }
        guard let result = PQexecParams(handle, sql, Int32(values.count), nil, pointers, nil, nil, 0) else {
            throw lastError()
        }
        do {
            try check(result, expecting: expected)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    /// Throws the error a result holds, unless its status is `expected`.
    private func check(_ result: OpaquePointer, expecting expected: ExecStatusType) throws(PostgresError) {
        let status = PQresultStatus(result)
        guard status != expected else { return }
        let field = { (code: Character) in
            PQresultErrorField(result, Int32(code.asciiValue ?? 0)).map { String(cString: $0) }
        }
        guard let state = field("C") else {
            guard [PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE].contains(status) else {
                let kinds = "\(String(cString: PQresStatus(status))), not \(String(cString: PQresStatus(expected)))"
                throw .statementFailed(store: url, sqlState: "XX000", message: "the statement returned \(kinds)")
            }
            throw lastError()  // an error of libpq's own, such as a lost connection
        }
        let message = [field("M"), field("D")].compactMap { $0 }.joined(separator: "; ")
        throw .statementFailed(store: url, sqlState: state, message: url.mask(message))
    }

    /// The connection's last error, when a call returned no result at all.
    private func lastError() -> PostgresError {
        let state = PQstatus(handle) == CONNECTION_BAD ? "08006" : "XX000"
        return .statementFailed(store: url, sqlState: state, message: url.mask(Self.trimmed(String(cString: PQerrorMessage(handle)))))
    }

    /// A libpq message without its trailing newline.
    private static func trimmed(_ message: String) -> String {
        message.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
