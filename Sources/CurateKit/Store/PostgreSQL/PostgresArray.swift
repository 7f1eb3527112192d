/// Lists as one PostgreSQL array value in text form, bound as a single parameter and read
/// with a cast: `= ANY ($1::bigint[])`, `= ANY (current_setting('curate.arg1')::text[])`.
enum PostgresArray {
    /// Integers as a `bigint[]` literal, e.g. `{1,2,3}`.
    static func literal(_ integers: some Sequence<Int64>) -> String {
        "{" + integers.map(String.init).joined(separator: ",") + "}"
    }

    /// Strings as a `text[]` literal, each element quoted with its `"` and `\` escaped, so any
    /// text (a comma, a brace, the word NULL) is one element as it is.
    static func literal(_ strings: some Sequence<String>) -> String {
        "{" + strings.map { string in
            var quoted = "\""
            for character in string {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
