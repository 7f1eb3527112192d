extension Statement.Value {
    /// Integers as one JSON array parameter, for `IN (SELECT value FROM json_each(?))`.
    static func jsonList(_ integers: some Sequence<Int64>) -> Self {
        .text(JSONWriter.canonical(.array(integers.map { .number(String($0)) })))
    }

    /// Strings as one JSON array parameter, for `IN (SELECT value FROM json_each(?))`.
    static func jsonList(_ strings: some Sequence<String>) -> Self {
        .text(JSONWriter.canonical(.array(strings.map(JSONValue.string))))
    }
}
