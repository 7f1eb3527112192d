extension PostgresStore {
    /// Label counts and first/last `created_at` per prompt text and hash status, sorted by prompt.
    ///
    /// Labels whose text is not known (`ambiguous`, `unknown`) appear with a nil hash.
    func promptUsage() throws -> [PromptUsage] {
        try connection.query(PortableSQL.promptUsage).map { fields throws(PostgresError) in
            let usage = row(fields, of: "tuples") {
                "rows of prompt (name, version, sha256) = (\(fields[0] ?? "NULL"), \(fields[1] ?? "NULL"), \(fields[2] ?? "NULL"))"
            }
            return PromptUsage(
                prompt: PromptRef(name: try usage.text(0, "name"), version: try usage.text(1, "version"), sha256: usage.optionalText(2)),
                hashStatus: try usage.value(3, "hash_status"),
                labels: Int(try usage.integer(4, "labels")),
                firstCreatedAt: try usage.timestamp(5, "first_created_at"),
                lastCreatedAt: try usage.timestamp(6, "last_created_at")
            )
        }.sorted { ($0.prompt, $0.hashStatus) < ($1.prompt, $1.hashStatus) }
    }

    /// A reader of the hashes the store knows for a version label, one query a lookup.
    func knownHashes() throws -> KnownHashes {
        KnownHashes { version in
            try self.connection.query("""
                SELECT DISTINCT sha256 FROM prompts WHERE name = $1 AND version = $2 AND sha256 IS NOT NULL ORDER BY sha256
                """, [version.name, version.version]).map { fields throws(PostgresError) in
                try self.row(fields, of: "prompts") { "rows of \(version.name)@\(version.version)" }.text(0, "sha256")
            }
        }
    }

    /// The template text stored for the prompt text with hash `sha256`; nil when no record carried it.
    func promptText(sha256: String) throws -> String? {
        try connection.query("SELECT text FROM prompts WHERE sha256 = $1 AND text IS NOT NULL LIMIT 1", [sha256]).first?[0]
    }

    /// The hashes stored under `name`@`version` that start with `prefix`, sorted.
    func promptHashes(name: String, version: String, prefix: String) throws -> [String] {
        try connection.query("""
            SELECT DISTINCT sha256 FROM prompts WHERE name = $1 AND version = $2 AND starts_with(sha256, $3) ORDER BY sha256
            """, [name, version, prefix]).map { fields throws(PostgresError) in
            try row(fields, of: "prompts") { "rows of \(name)@\(version)" }.text(0, "sha256")
        }
    }

    /// How many labels carry run id `run`.
    func labelCount(run: String) throws -> Int {
        let fields = try connection.query("SELECT count(*) FROM labels WHERE run = $1", [run]).first ?? [nil]
        return Int(try row(fields, of: "labels") { "count of run \(run)" }.integer(0, "count"))
    }

    /// Calls `body` with every stored label's output (canonical JSON), in no particular order,
    /// streamed through COPY so memory stays flat.
    func forEachOutput(_ body: (String) throws -> Void) throws {
        try connection.copyOut("COPY (SELECT output, id FROM labels) TO STDOUT") { fields in
            try body(try row(fields, of: "labels") { "row id \(fields[1] ?? "NULL")" }.text(0, "output"))
        }
    }
}
