extension SQLiteStore {
    /// The template text stored for the prompt text with hash `sha256`; nil when no record
    /// carried it.
    func promptText(sha256: String) throws(StoreError) -> String? {
        let statement = try connection.prepare("SELECT text FROM prompts WHERE sha256 = ? AND text IS NOT NULL LIMIT 1")
        return try statement.rows([.text(sha256)]) { $0.string(0) }.first ?? nil
    }

    /// The hashes stored under prompt `name` (any version) that start with `prefix`, sorted.
    func promptHashes(name: String, version: String, prefix: String) throws(StoreError) -> [String] {
        let statement = try connection.prepare("""
            SELECT DISTINCT sha256 FROM prompts WHERE name = ? AND version = ? AND substr(sha256, 1, length(?3)) = ?3
            ORDER BY sha256
            """)
        return try statement.rows([.text(name), .text(version), .text(prefix)]) { $0.string(0) }.compactMap { $0 }
    }
}
