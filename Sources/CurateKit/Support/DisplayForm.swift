/// How tables and reports show times and hashes to a person; `--json` keeps the exact forms.
public enum DisplayForm {
    /// `2026-06-01 12:00:00Z`: UTC to the second (the fraction dropped, not rounded), so every
    /// time in a column has the same width and times line up.
    public static func time(_ time: Timestamp) -> String {
        var text = time.rfc3339
        if let dot = text.firstIndex(of: ".") { text = String(text[..<dot]) + "Z" }
        if let separator = text.firstIndex(of: "T") { text.replaceSubrange(separator...separator, with: " ") }
        return text
    }

    /// `2026-06-01`: the UTC date alone, where a table has no room for the time of day.
    public static func date(_ time: Timestamp) -> String {
        String(time.rfc3339.prefix(10))
    }

    /// `text` with every full SHA-256 after a `#` (a prompt in `NAME@VERSION#SHA256` form)
    /// cut to its first 12 hex digits, the `NAME@VERSION#HASH12` short form.
    public static func shortHashes(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let mark = rest.firstIndex(of: "#") {
            result += rest[...mark]
            rest = rest[rest.index(after: mark)...]
            let hex = rest.prefix { $0.isHexDigit }
            if hex.count == 64 {
                result += hex.prefix(12)
                rest = rest.dropFirst(64)
            }
        }
        return result + rest
    }
}
