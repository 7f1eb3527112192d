import Foundation

/// A fresh temporary folder for one test, removed when the test's body returns.
///
/// Tests run in parallel and share nothing: each has its own folder, its own store
/// and passes its environment to `curate` explicitly.
struct TempWorkspace: Sendable {
    /// The folder, with symbolic links resolved (so it matches what `curate` prints).
    let root: URL

    /// The store `curate init` makes, relative to the workspace.
    static let store = ".curate/store.sqlite"

    /// Runs `body` with a new empty folder and removes the folder afterwards.
    static func with<T>(_ body: (TempWorkspace) throws -> T) throws -> T {
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let root = base.appendingPathComponent("curate-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        return try body(TempWorkspace(root: root))
    }

    // MARK: Files

    /// The URL of `path`, relative to the root ("" is the root).
    func url(_ path: String) -> URL {
        path.isEmpty ? root : root.appendingPathComponent(path)
    }

    /// The absolute path of `path`.
    func path(_ path: String) -> String {
        url(path).path
    }

    func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(at: url(path), withIntermediateDirectories: true)
    }

    /// Writes `data` to `path`, making its folder.
    func write(_ path: String, _ data: Data) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url(path))
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    /// Copies `Fixtures/NAME` to `path` (default: the same name at the root).
    func copyFixture(_ name: String, to path: String? = nil) throws {
        try write(path ?? name, TestFiles.fixture(name))
    }

    func read(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url(path).path)
    }

    /// Every file and folder under `path`, relative to it, sorted.
    func listing(_ path: String = "") -> [String] {
        let base = url(path).path
        let entries = FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []
        return entries.sorted()
    }

    /// `text` with the workspace's absolute path replaced by `<TMP>`.
    func scrub(_ text: String) -> String {
        text.replacingOccurrences(of: root.path, with: "<TMP>")
    }

    // MARK: curate

    /// Runs `curate ARGS` in the folder `directory` (relative to the root).
    func curate(
        _ arguments: [String], in directory: String = "", environment: [String: String] = [:], stdin: StandardInput = .empty
    ) throws -> ProcessOutput {
        try CurateRunner.run(arguments, in: url(directory), environment: environment, stdin: stdin)
    }

    /// Starts `curate ARGS` in the folder `directory` without waiting for it.
    func start(
        _ arguments: [String], in directory: String = "", environment: [String: String] = [:], stdin: StandardInput = .empty
    ) throws -> ChildProcess {
        try CurateRunner.start(arguments, in: url(directory), environment: environment, stdin: stdin)
    }

    /// Runs a `curate` command a test depends on and throws unless it succeeds.
    @discardableResult
    func curateSucceeds(_ arguments: [String], in directory: String = "", environment: [String: String] = [:], stdin: StandardInput = .empty) throws -> ProcessOutput {
        let result = try curate(arguments, in: directory, environment: environment, stdin: stdin)
        guard result.status == 0, !result.killedBySignal else {
            throw SetupFailure(step: "curate \(arguments.joined(separator: " "))", output: result)
        }
        return result
    }

    /// `curate init` in `directory`, which must succeed.
    @discardableResult
    func initWorkspace(in directory: String = "") throws -> ProcessOutput {
        try makeFolder(directory)
        return try curateSucceeds(["init"], in: directory)
    }

    /// `curate stats --json` parsed: one dictionary per provenance tuple.
    func statsJSON(in directory: String = "", arguments: [String] = [], environment: [String: String] = [:]) throws -> [[String: Any]] {
        let result = try curateSucceeds(["stats", "--json"] + arguments, in: directory, environment: environment)
        guard let tuples = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw SetupFailure(step: "parse curate stats --json", output: result)
        }
        return tuples
    }

    /// The number of labels in the store, as `curate stats --json` counts them.
    func labelCount(in directory: String = "", arguments: [String] = [], environment: [String: String] = [:]) throws -> Int {
        try statsJSON(in: directory, arguments: arguments, environment: environment).reduce(0) { $0 + ($1["labels"] as? Int ?? 0) }
    }

    // MARK: The store, seen by the sqlite3 command-line tool

    /// A full SQL dump of the store (schema, rows and schema version), from the `sqlite3` tool.
    func dump(store: String = TempWorkspace.store) throws -> String {
        try sqlite(".dump\nPRAGMA user_version;\n", store: store)
    }

    /// Runs `script` with the `sqlite3` tool on the store and returns its output.
    func sqlite(_ script: String, store: String = TempWorkspace.store) throws -> String {
        guard exists(store) else { throw SetupFailure(step: "open \(store)", output: nil) }
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "-bail", path(store)], in: root,
            environment: CurateRunner.environment(), stdin: .bytes(Data(script.utf8)))
        guard result.status == 0, !result.killedBySignal else { throw SetupFailure(step: "sqlite3 \(store)", output: result) }
        return result.out
    }
}

/// A step a test relies on failed, so the test cannot go on.
struct SetupFailure: Error, CustomStringConvertible {
    let step: String
    let output: ProcessOutput?

    var description: String {
        "\(step) failed" + (output.map { ":\n\($0)" } ?? "")
    }
}
