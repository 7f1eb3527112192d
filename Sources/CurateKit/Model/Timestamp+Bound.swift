extension Timestamp {
    /// Parses a selection bound: an RFC 3339 time, or a date `YYYY-MM-DD` meaning its
    /// first instant in UTC. Returns nil for anything else.
    public init?(rfc3339OrDate text: String) {
        if let time = Timestamp(rfc3339: text) {
            self = time
        } else if text.utf8.count == 10, let midnight = Timestamp(rfc3339: text + "T00:00:00Z") {
            self = midnight
        } else {
            return nil
        }
    }
}
