import Foundation

/// Where a PostgreSQL store is: a libpq connection string, kept as given, whose password
/// never shows.
///
/// libpq reads it as is (``PostgresConnection``), so everything libpq users rely on works:
/// `PGPASSWORD`, `~/.pgpass`, `PGSERVICE`, `sslmode`, a socket folder as `host`. Every
/// description of it, and so every error message naming it, shows the password as `***`:
/// `postgresql://ann:secret@db/curate` reads `postgresql://ann:***@db/curate`, and a
/// `password` or `sslpassword` parameter (`?password=…`, or `password=…` in the keyword
/// form) likewise.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The connection string exactly as given, password included: for libpq only.
    let connectionString: String

    /// A connection string as `--store` or `CURATE_STORE` gives it, e.g.
    /// `postgresql://USER@HOST:PORT/DB` or `postgresql:///curate?host=/run/postgresql`.
    public init(_ connectionString: String) {
        self.connectionString = connectionString
    }

    /// Whether `store` names a PostgreSQL store (a `postgresql://` or `postgres://` URI)
    /// rather than a SQLite file.
    public static func names(_ store: String) -> Bool {
        ["postgresql://", "postgres://"].contains { store.lowercased().hasPrefix($0) }
    }

    /// The connection string with its passwords masked, and nothing else changed.
    public var description: String {
        var shown = connectionString
        for range in passwordRanges.reversed() {  // from the end, so the earlier ranges stay valid
            shown.replaceSubrange(range, with: Self.mask)
        }
        return shown
    }

    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the masked form only.
    public var customMirror: Mirror { Mirror(self, children: ["connectionString": description]) }

    /// `text` (a libpq message, say) with every password this URL holds replaced by `***`,
    /// whether it appears as written or percent-decoded.
    func mask(_ text: String) -> String {
        var masked = text
        for secret in secrets where !secret.isEmpty {
            masked = masked.replacingOccurrences(of: secret, with: Self.mask)
        }
        return masked
    }

    private static let mask = "***"

    /// The passwords in the connection string, as written (and percent-decoded, in a URI).
    private var secrets: [String] {
        let written = passwordRanges.map { String(connectionString[$0]) }
        return written + written.compactMap { $0.removingPercentEncoding }.filter { !written.contains($0) }
    }

    /// Where passwords lie in the connection string: the URI's `user:PASSWORD@`, and the
    /// value of each `password` or `sslpassword` parameter (URI query or keyword form).
    private var passwordRanges: [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let text = connectionString
        if Self.names(text), let schemeEnd = text.range(of: "://") {
            let authority = text[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if let at = authority.firstIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                ranges.append(authority.index(after: colon)..<at)
            }
            var search = text[schemeEnd.upperBound...]
            while let key = search.range(of: "password=") {
                let name = text[..<key.lowerBound].lastIndex { $0 == "?" || $0 == "&" }.map { text[text.index(after: $0)..<key.lowerBound] }
                let value = text[key.upperBound...].prefix { $0 != "&" }
                if name == "" || name == "ssl" { ranges.append(value.startIndex..<value.endIndex) }
                search = text[key.upperBound...]
            }
        } else {
            var search = text[...]
            while let key = search.range(of: "password") {
                var cursor = key.upperBound
                while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) }
                search = text[key.upperBound...]
                guard cursor < text.endIndex, text[cursor] == "=" else { continue }
                cursor = text.index(after: cursor)
                while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) }
                ranges.append(Self.keywordValue(in: text, from: cursor))
            }
        }
        return ranges.filter { !$0.isEmpty }
    }

    /// The range of a keyword-form value starting at `start`: up to the next space, or
    /// between single quotes (where a backslash escapes the next character).
    private static func keywordValue(in text: String, from start: String.Index) -> Range<String.Index> {
        guard start < text.endIndex, text[start] == "'" else {
            return start..<(text[start...].firstIndex(of: " ") ?? text.endIndex)
        }
        var cursor = text.index(after: start)
        let valueStart = cursor
        while cursor < text.endIndex, text[cursor] != "'" {
            if text[cursor] == "\\" { cursor = text.index(cursor, offsetBy: 1, limitedBy: text.endIndex) ?? text.endIndex }
            if cursor < text.endIndex { cursor = text.index(after: cursor) }
        }
        return valueStart..<min(cursor, text.endIndex)
    }
}
