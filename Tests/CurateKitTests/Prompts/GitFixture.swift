import Foundation
@testable import CurateKit

/// A real git repository in a temp folder, for prompt-history tests: files are
/// written, renamed and committed with set commit (and author) dates.
final class GitFixture {
    let folder: TemporaryDirectory
    /// A second folder outside the repository, for inputs that must not be committed.
    let scratch: TemporaryDirectory
    var url: URL { folder.url }

    /// An environment that keeps the user's git configuration out of the tests.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        return environment
    }

    init() throws {
        folder = try TemporaryDirectory()
        scratch = try TemporaryDirectory()
        try git(["init", "-q"])
        try git(["config", "commit.gpgsign", "false"])
    }

    /// Writes a file (relative path), making folders as needed.
    func write(_ path: String, _ text: String) throws {
        try folder.write(path, text)
    }

    /// Writes raw bytes (for CRLF texts written exactly).
    func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Stages everything and commits with the given commit time (RFC 3339); the author
    /// time is `authoredAt` when given, else the same.
    func commit(_ message: String, at committedAt: String, authoredAt: String? = nil) throws {
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", message], extra: [
            "GIT_COMMITTER_DATE": committedAt, "GIT_AUTHOR_DATE": authoredAt ?? committedAt,
        ])
    }

    /// Runs git in the repository and returns its standard output; throws on failure.
    @discardableResult
    func git(_ arguments: [String], extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = url
        process.environment = Self.environment.merging(extra) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        guard process.terminationStatus == 0 else {
            throw FixtureError(message: "git \(arguments.joined(separator: " ")): " + String(decoding: errorText, as: UTF8.self))
        }
        return String(decoding: text, as: UTF8.self)
    }

    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// The store of this workspace, at `.curate/store.sqlite`.
    func store() throws -> Store {
        let path = url.appendingPathComponent(".curate")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        return try Store(path: path.appendingPathComponent("store.sqlite").path, create: true)
    }

    var promptsURL: URL { url.appendingPathComponent("prompts") }

    /// The history reader under test, on this repository.
    func history() throws -> GitHistory {
        try GitHistory(directory: url, environment: Self.environment)
    }
}

/// Label records for prompt tests.
enum PromptRecords {
    static let ingestedAt = Timestamp(nanosecondsSinceEpoch: 1_800_000_000_000_000_000)

    /// An LLM label record whose prompt names only `{name, version}` (or carries a hash or text).
    static func line(_ input: String, at createdAt: String, name: String = "sentiment", version: String = "v3", sha256: String? = nil, text: String? = nil) -> String {
        var prompt = #""name":"\#(name)","version":"\#(version)""#
        if let sha256 { prompt += #","sha256":"\#(sha256)""# }
        if let text { prompt += #","text":\#(JSONWriter.canonical(.string(text)))"# }
        return #"{"task":"sentiment","input_id":"\#(input)","output":"positive","created_at":"\#(createdAt)","model":"m","prompt":{\#(prompt)}}"#
    }

    /// Ingests `lines` into the fixture's store, resolving hashes as `curate ingest` does.
    @discardableResult
    /// - Parameter resolve: false stores name-and-version-only prompts as `unknown`, as an ingest without a resolver does.
    static func ingest(_ lines: [String], into fixture: GitFixture, store: Store, useGit: Bool = true, resolve: Bool = true) throws -> IngestSummary {
        let file = try fixture.scratch.write("input-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        let resolver = resolve
            ? PromptResolver(promptsFolder: fixture.promptsURL, store: store, useGit: useGit, environment: GitFixture.environment) : nil
        return try Ingester(store: store, policy: .refuse, ingestedAt: ingestedAt, resolver: resolver).run(paths: [file])
    }

    /// Each label's id, hash status and prompt hash, by input id.
    static func placements(in store: Store) throws -> [String: (status: HashStatus, sha256: String?)] {
        var result: [String: (HashStatus, String?)] = [:]
        for row in try store.labelPlacements() { result[row.input] = (row.status, row.sha256) }
        return result
    }
}

extension Store {
    /// Input id, hash status and prompt hash of every LLM label (test-only read).
    func labelPlacements() throws -> [(input: String, status: HashStatus, sha256: String?)] {
        try sqliteBackend.connection.prepare("""
            SELECT l.input_id, t.hash_status, p.sha256 FROM labels l JOIN tuples t ON t.id = l.tuple_id
            JOIN prompts p ON p.id = t.prompt_id ORDER BY l.input_id
            """).rows { ($0.string(0) ?? "", $0.string(1).flatMap(HashStatus.init(rawValue:)) ?? .unknown, $0.string(2)) }
    }
}
