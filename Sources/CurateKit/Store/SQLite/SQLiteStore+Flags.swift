extension SQLiteStore {
    /// Every flag, sorted by kind then target.
    func flags() throws -> [LabelFlag] {
        let statement = try connection.prepare("SELECT kind, target, reason, created_at, id FROM flags")
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "flags") { "row id \(row.shownValue(4))" }
            return LabelFlag(
                kind: try row.value(0, of: place), target: try row.text(1, of: place),
                reason: try row.text(2, of: place), createdAt: try row.timestamp(3, of: place))
        }.sorted()
    }

    /// Stores `flag` unless its kind and target are already flagged.
    /// - Returns: the stored flag: `flag` when it is new, else the earlier one, unchanged.
    @discardableResult
    func addFlag(_ flag: LabelFlag) throws -> LabelFlag {
        try transaction {
            let insert = try connection.prepare("""
                INSERT INTO flags (kind, target, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, target) DO NOTHING
                """)
            try insert.run([.text(flag.kind.rawValue), .text(flag.target), .text(flag.reason), .integer(flag.createdAt.nanosecondsSinceEpoch)])
            if connection.changes == 1 { return flag }
            let find = try connection.prepare("SELECT reason, created_at, id FROM flags WHERE kind = ? AND target = ?")
            let stored = try find.rows([.text(flag.kind.rawValue), .text(flag.target)]) { row throws(StoreError) in
                let place = Statement.RowPlace(table: "flags") { "row id \(row.shownValue(2))" }
                return LabelFlag(kind: flag.kind, target: flag.target, reason: try row.text(0, of: place), createdAt: try row.timestamp(1, of: place))
            }
            return stored.first ?? flag
        }
    }

    /// Removes the flag of `kind` on `target`.
    /// - Returns: whether there was one.
    @discardableResult
    func removeFlag(kind: FlagKind, target: String) throws -> Bool {
        try transaction {
            let delete = try connection.prepare("DELETE FROM flags WHERE kind = ? AND target = ?")
            try delete.run([.text(kind.rawValue), .text(target)])
            return connection.changes > 0
        }
    }
}
