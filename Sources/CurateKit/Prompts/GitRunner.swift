import Foundation

/// Runs `git` as a subprocess in one folder and collects what it prints.
///
/// Uses `Foundation.Process` with a termination handler and a semaphore rather than
/// `waitUntilExit()` (which adds about 50 ms to every call), and reads standard
/// output and error to their ends before waiting, so a child with a lot to say
/// never blocks on a full pipe.
struct GitRunner: Sendable {
    /// The `git` executable.
    let executable: URL
    /// The folder git runs in (`git -C`).
    let directory: URL

    /// What one git invocation left behind.
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: Data

        /// Standard error as one trimmed line of text, for messages.
        var message: String {
            String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
    }

    /// Finds `git`: `CURATE_GIT` when set, else the first `git` on `PATH`.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let manager = FileManager.default
        if let explicit = environment["CURATE_GIT"], !explicit.isEmpty {
            return manager.isExecutableFile(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("git")
            if manager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `git ARGUMENTS` and returns its status and output, whatever the status.
    /// - Parameter input: bytes git reads as its standard input (from a temporary file, so a
    ///   child that stops reading early cannot raise SIGPIPE in this process).
    /// - Throws: ``PromptError/gitFailed(command:status:message:)`` when git cannot be started.
    func run(_ arguments: [String], input: Data? = nil) throws(PromptError) -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-C", directory.path, "-c", "core.quotePath=false", "-c", "log.showSignature=false"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let inputFile = try input.map { data throws(PromptError) in try InputFile(data) }
        defer { inputFile?.remove() }
        process.standardInput = inputFile?.handle ?? FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw .gitFailed(command: "git \(arguments.first ?? "")", status: -1, message: error.localizedDescription)
        }

        let background = DispatchGroup()
        let errorBytes = DataBox()
        DispatchQueue.global().async(group: background) {
            errorBytes.data = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        let outputBytes = stdout.fileHandleForReading.readDataToEndOfFile()
        background.wait()
        exited.wait()
        return Output(status: process.terminationStatus, stdout: outputBytes, stderr: errorBytes.data)
    }

    /// Runs `git ARGUMENTS` and returns its standard output.
    /// - Throws: ``PromptError/gitFailed(command:status:message:)`` on a non-zero exit.
    func output(_ arguments: [String], input: Data? = nil) throws(PromptError) -> Data {
        let result = try run(arguments, input: input)
        guard result.status == 0 else {
            throw .gitFailed(command: "git " + arguments.prefix(2).joined(separator: " "), status: result.status, message: result.message)
        }
        return result.stdout
    }
}

/// Bytes filled in by a reader thread and read after it has finished.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Standard input for a child, kept in a temporary file for the life of the call.
private struct InputFile {
    let url: URL
    let handle: FileHandle

    init(_ data: Data) throws(PromptError) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("curate-git-\(UUID().uuidString).in")
        do {
            try data.write(to: url)
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw .gitFailed(command: "git", status: -1, message: "cannot stage git's input: \(error.localizedDescription)")
        }
    }

    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
