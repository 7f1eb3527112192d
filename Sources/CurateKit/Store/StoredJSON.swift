/// Canonical JSON read back from a store's column, by either backend: text that is not what
/// ingest wrote there is damage, reported with the error the backend makes (`bad`).
enum StoredJSON {
    /// `text` parsed; nil for NULL (nil); `bad()` for text that is not JSON.
    static func parse<Failure: Error>(_ text: String?, orThrow bad: () -> Failure) throws(Failure) -> JSONValue? {
        guard let text else { return nil }
        do {
            return try JSONParser.parse(text)
        } catch {
            throw bad()
        }
    }

    /// `text`, a JSON array of strings (an ingest's sources); `bad()` for NULL or anything else.
    static func strings<Failure: Error>(_ text: String?, orThrow bad: () -> Failure) throws(Failure) -> [String] {
        guard case .array(let values) = try parse(text, orThrow: bad) else { throw bad() }
        var strings: [String] = []
        for value in values {
            guard case .string(let string) = value else { throw bad() }
            strings.append(string)
        }
        return strings
    }
}
