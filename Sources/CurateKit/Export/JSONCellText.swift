/// The text of a JSON value in a cell of a format without JSON (a CSV field, a Parquet
/// string): a JSON string as its text, any other value as its canonical JSON.
///
/// So `output == "positive"` holds for a string label in pandas, and an object input is
/// JSON text that `json.loads` reads back.
enum JSONCellText {
    /// The cell text of `json`, stored canonical JSON; nil stays nil (an absent value).
    static func of(_ json: String?) -> String? {
        guard let json else { return nil }
        guard json.utf8.first == UInt8(ascii: "\"") else { return json }
        if !json.utf8.contains(UInt8(ascii: "\\")) {
            return String(decoding: json.utf8.dropFirst().dropLast(), as: UTF8.self)
        }
        guard case .string(let decoded) = try? JSONParser.parse(json) else { return json }
        return decoded
    }
}
