extension PostgresStore {
    /// Every flag, sorted by kind then target.
    func flags() throws -> [LabelFlag] {
        try connection.query("SELECT kind, target, reason, created_at, id FROM flags").map { fields in
            let row = PostgresRow(fields, table: "flags", store: url) { "row id \(fields[4] ?? "NULL")" }
            return LabelFlag(
                kind: try row.value(0, "kind"), target: try row.text(1, "target"), reason: try row.text(2, "reason"),
                createdAt: try row.timestamp(3, "created_at"))
        }.sorted()
    }

    /// Stores `flag` unless its kind and target are already flagged; two processes adding the
    /// same flag at once both succeed, and one row is stored.
    /// - Returns: the stored flag: `flag` when it is new, else the earlier one, unchanged.
    @discardableResult
    func addFlag(_ flag: LabelFlag) throws -> LabelFlag {
        try connection.transaction {
            // READ COMMITTED: a concurrent insert of the same flag makes this one wait for its
            // commit and do nothing; the lookup after it then sees that flag.
            let added = try connection.execute("""
                INSERT INTO flags (kind, target, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, target) DO NOTHING
                """, [flag.kind.rawValue, flag.target, flag.reason, String(flag.createdAt.nanosecondsSinceEpoch)])
            if added == 1 { return flag }
            let stored = try connection.query(
                "SELECT reason, created_at, id FROM flags WHERE kind = $1 AND target = $2", [flag.kind.rawValue, flag.target]
            ).map { fields in
                let row = PostgresRow(fields, table: "flags", store: url) { "row id \(fields[2] ?? "NULL")" }
                return LabelFlag(kind: flag.kind, target: flag.target, reason: try row.text(0, "reason"), createdAt: try row.timestamp(1, "created_at"))
            }
            return stored.first ?? flag
        }
    }

    /// Removes the flag of `kind` on `target`.
    /// - Returns: whether there was one.
    @discardableResult
    func removeFlag(kind: FlagKind, target: String) throws -> Bool {
        try connection.transaction {
            try connection.execute("DELETE FROM flags WHERE kind = $1 AND target = $2", [kind.rawValue, target]) > 0
        }
    }
}
