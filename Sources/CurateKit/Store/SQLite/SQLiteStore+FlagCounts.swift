extension SQLiteStore {
    /// How many labels carry run id `run`.
    func labelCount(run: String) throws -> Int {
        let statement = try connection.prepare("SELECT count(*) FROM labels WHERE run = ?")
        return try statement.rows([.text(run)]) { row throws(StoreError) in
            Int(try row.integer(0, of: Statement.RowPlace(table: "labels") { "count of run \(run)" }))
        }.first ?? 0
    }

    /// Calls `body` with every stored label's output (canonical JSON), in no particular order.
    func forEachOutput(_ body: (String) throws -> Void) throws {
        let statement = try connection.prepare("SELECT output, id FROM labels")
        defer { statement.reset() }
        while try statement.step() {
            try body(try statement.text(0, of: Statement.RowPlace(table: "labels") { "row id \(statement.shownValue(1))" }))
        }
    }
}
