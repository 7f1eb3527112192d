import Foundation

/// Runs the built `curate` binary, the way a user's shell would.
enum CurateRunner {
    /// Why the binary could not be run.
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "cannot find the curate binary (looked at \(searched.joined(separator: ", "))); build the 'curate' product or set CURATE_BIN"
        }
    }

    /// The binary: `CURATE_BIN` when set, else beside the test bundle in the build products folder.
    static let binary: Result<URL, NotFound> = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CURATE_BIN"], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            return FileManager.default.isExecutableFile(atPath: url.path) ? .success(url) : .failure(NotFound(searched: [path]))
        }
        // On Linux the test runner is itself an executable in the products folder; on macOS
        // it is a .xctest bundle inside that folder.
        var folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        folders += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        if let runner = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: runner).deletingLastPathComponent())
        }
        let candidates = folders.map { $0.appendingPathComponent("curate") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return .success(found)
        }
        return .failure(NotFound(searched: candidates.map(\.path)))
    }()

    /// The environment every child gets: the runner's own, without any `CURATE_STORE`
    /// it may have, plus `extra` (an empty value is passed as empty).
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["CURATE_STORE"] = nil
        environment["CURATE_RECORD_SNAPSHOTS"] = nil
        environment["COLUMNS"] = nil  // tables fit 100 columns, whatever terminal runs the tests
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `curate ARGS` in `directory` and returns its status and output.
    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], stdin: StandardInput = .empty
    ) throws -> ProcessOutput {
        try start(arguments, in: directory, environment: extra, stdin: stdin).wait()
    }

    /// Starts `curate ARGS` in `directory` without waiting for it.
    static func start(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], stdin: StandardInput = .empty
    ) throws -> ChildProcess {
        try ChildProcess(executable: binary.get(), arguments: arguments, directory: directory, environment: environment(extra), stdin: stdin)
    }
}
