import Foundation

/// Where a store is: a SQLite file, or a database on a PostgreSQL server.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite database file, the embedded default.
    case sqlite(path: String)
    /// A PostgreSQL database, named by a libpq connection URI.
    case postgres(PostgresURL)

    /// The store `text` names, as `--store` or `CURATE_STORE` give it: a `postgresql://` (or
    /// `postgres://`) URI names a PostgreSQL database; anything else is a file path, a
    /// relative one taken inside `directory`.
    public init(_ text: String, relativeTo directory: URL) {
        if PostgresURL.names(text) {
            self = .postgres(PostgresURL(text))
        } else {
            let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : directory.appendingPathComponent(text)
            self = .sqlite(path: url.standardizedFileURL.path)
        }
    }

    /// The path or URL as a person reads it: a password shows as `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }

    /// The SQLite file's path; nil for a PostgreSQL store.
    public var filePath: String? {
        if case .sqlite(let path) = self { path } else { nil }
    }
}
