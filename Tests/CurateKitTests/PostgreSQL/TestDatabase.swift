import Foundation
import Testing
@testable import CurateKit

/// A fresh, empty PostgreSQL database per test on the server that `CURATE_TEST_POSTGRES`
/// names (scripts/postgres-test-server start prints one), dropped when the value goes away.
final class TestDatabase {
    /// The server's connection URI, or nil when none is given: tests that need it skip.
    static let server = ProcessInfo.processInfo.environment["CURATE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The trait of a test that needs the server: it skips, saying why, when there is none.
    static let required = ConditionTrait.enabled(
        if: server != nil,
        "needs a PostgreSQL server: set CURATE_TEST_POSTGRES to the URI that scripts/postgres-test-server start prints")

    /// The database's name, made up for this test.
    let name = "curate_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    /// The connection URI of this test's database.
    let url: PostgresURL
    private let serverURL: PostgresURL

    init() throws {
        let server = try #require(Self.server, "CURATE_TEST_POSTGRES is not set")
        serverURL = PostgresURL(server)
        url = PostgresURL(Self.uri(server, database: name))
        try PostgresConnection(url: serverURL).execute("CREATE DATABASE \(name)")
    }

    deinit {
        _ = try? PostgresConnection(url: serverURL).execute("DROP DATABASE \(name) WITH (FORCE)")
    }

    /// A new connection to this test's database.
    func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url)
    }

    /// A new connection to this test's database, with the store's schema set up.
    func store() throws -> PostgresConnection {
        let connection = try connect()
        try PostgresMigrations.migrate(connection, create: true)
        return connection
    }

    /// A store on this test's database, its schema set up.
    func backend() throws -> PostgresStore {
        try PostgresStore(url: url, create: true)
    }

    /// `uri` with its database (the path after the authority) replaced by `database`.
    static func uri(_ uri: String, database: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        let rest = uri[scheme.upperBound...]
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let pathEnd = rest[pathStart...].firstIndex(of: "?") ?? rest.endIndex
        return String(uri[..<pathStart]) + "/" + database + String(uri[pathEnd...])
    }
}
