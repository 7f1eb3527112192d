import Foundation
@testable import CurateKit

/// A fresh folder per test, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("curatekit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to a file in this folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    var storePath: String { url.appendingPathComponent("store.sqlite").path }
}

extension Store {
    /// The SQLite backend of a store a test opened by path, for its SQL.
    var sqliteBackend: SQLiteStore { backend as! SQLiteStore }

    /// A store on `migrations` rather than the current schema, for migration tests.
    convenience init(path: String, migrations: [Migration], create: Bool = false) throws {
        self.init(backend: try SQLiteStore(path: path, migrations: migrations, create: create), location: .sqlite(path: path))
    }

    /// Every row of every table, quoted by SQLite, in a fixed order: equal dumps mean an unchanged store.
    func dump() throws -> [String] {
        let connection = sqliteBackend.connection
        let tables = try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .rows { $0.string(0) ?? "" }
        var lines: [String] = []
        for table in tables {
            let columns = try connection.prepare("SELECT name FROM pragma_table_info(?)").rows([.text(table)]) { $0.string(0) ?? "" }
            let quoted = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            let rows = try connection.prepare("SELECT \(quoted) FROM \"\(table)\" ORDER BY 1")
            lines.append(contentsOf: try rows.rows { "\(table): " + ($0.string(0) ?? "") })
        }
        return lines
    }
}
