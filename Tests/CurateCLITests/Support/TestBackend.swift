import Foundation
import Testing
@testable import CurateKit

/// A store backend the conformance suite runs its scenarios on: SQLite always, PostgreSQL when
/// `CURATE_TEST_POSTGRES` names a server (scripts/postgres-test-server start prints one).
enum TestBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    /// The PostgreSQL test server's connection URI, when one is given.
    static let server = ProcessInfo.processInfo.environment["CURATE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends there is a store for here: without a server, the PostgreSQL cases are left out.
    static let available: [TestBackend] = server == nil ? [.sqlite] : [.sqlite, .postgresql]

    var testDescription: String { rawValue }
}

/// A temporary workspace whose store is on one backend: the workspace's own SQLite file, or a
/// new database on the test server that every command is given in `CURATE_STORE`, dropped
/// when the test's body returns.
struct BackendWorkspace {
    let workspace: TempWorkspace
    let backend: TestBackend
    /// What every command of the test gets in its environment.
    let environment: [String: String]

    /// Runs `body` on a new workspace, made by `curate init`, with its store on `backend`.
    static func with<T>(_ backend: TestBackend, _ body: (BackendWorkspace) throws -> T) throws -> T {
        try TempWorkspace.with { workspace in
            switch backend {
            case .sqlite:
                try workspace.initWorkspace()
                return try body(BackendWorkspace(workspace: workspace, backend: backend, environment: [:]))
            case .postgresql:
                let server = try #require(TestBackend.server)
                let name = "curate_c_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
                let admin = try PostgresConnection(url: PostgresURL(server))
                try admin.execute("CREATE DATABASE \(name)")
                defer { _ = try? admin.execute("DROP DATABASE \(name) WITH (FORCE)") }
                let environment = ["CURATE_STORE": Self.uri(server, database: name)]
                try workspace.curateSucceeds(["init"], environment: environment)
                return try body(BackendWorkspace(workspace: workspace, backend: backend, environment: environment))
            }
        }
    }

    /// `uri` with its database (the path after the authority) replaced by `database`.
    private static func uri(_ uri: String, database: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        let rest = uri[scheme.upperBound...]
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let pathEnd = rest[pathStart...].firstIndex(of: "?") ?? rest.endIndex
        return String(uri[..<pathStart]) + "/" + database + String(uri[pathEnd...])
    }

    /// The store as commands name it in their output: its path, or its URL.
    var location: String {
        environment["CURATE_STORE"] ?? workspace.path(TempWorkspace.store)
    }

    /// Runs `curate ARGS` on this workspace's store.
    func curate(_ arguments: [String], environment extra: [String: String] = [:], stdin: StandardInput = .empty) throws -> ProcessOutput {
        try workspace.curate(arguments, environment: environment.merging(extra) { _, new in new }, stdin: stdin)
    }

    /// Runs `curate ARGS` on this workspace's store and throws unless it succeeds.
    @discardableResult
    func curateSucceeds(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessOutput {
        try workspace.curateSucceeds(arguments, environment: environment.merging(extra) { _, new in new })
    }

    /// Starts `curate ARGS` on this workspace's store without waiting for it.
    func start(_ arguments: [String]) throws -> ChildProcess {
        try workspace.start(arguments, environment: environment)
    }

    /// The number of labels in the store, as `curate stats --json` counts them.
    func labelCount() throws -> Int {
        try workspace.labelCount(environment: environment)
    }
}
