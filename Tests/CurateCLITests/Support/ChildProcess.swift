import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
struct ProcessOutput: Sendable, CustomStringConvertible {
    /// The exit status, or the signal number when `killedBySignal`.
    var status: Int32
    /// Whether the process ended by an uncaught signal rather than by exiting.
    var killedBySignal: Bool
    var stdout: Data
    var stderr: Data

    /// Standard output as UTF-8 text.
    var out: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    var err: String { String(decoding: stderr, as: UTF8.self) }

    /// A readable account for failure messages.
    var description: String {
        "\(killedBySignal ? "killed by signal" : "exit status") \(status)\n--- stdout\n\(out)--- stderr\n\(err)---"
    }
}

/// What a child reads on its standard input.
enum StandardInput: Sendable {
    /// `/dev/null`: never the test runner's own input.
    case empty
    /// These bytes, then end of file.
    case bytes(Data)
    /// A pipe the caller writes to through ``ChildProcess/input`` and closes.
    case pipe
}

/// A running child process whose standard output and error are read to their end
/// on background threads, so a child that writes a lot never blocks on a full pipe.
///
/// Waiting uses the termination handler and a semaphore, not `waitUntilExit()`
/// (which polls a run loop every 50 ms). The blocking reads and writes run on threads
/// of their own, not on Dispatch's global queues: with many tests in parallel those
/// queues run out of threads and only grow about once a second.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let drained = DispatchGroup()
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrData = Data()
    /// The write end of the child's standard input, for ``StandardInput/pipe``.
    let input: FileHandle?

    /// A child whose input pipe closes under it gets EPIPE, not a fatal SIGPIPE in the test runner.
    private static let brokenPipesIgnored: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Starts `executable`; `environment` is the child's whole environment.
    init(executable: URL, arguments: [String], directory: URL, environment: [String: String], stdin: StandardInput) throws {
        _ = Self.brokenPipesIgnored
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        var pendingInput: Data?
        switch stdin {
        case .empty:
            process.standardInput = FileHandle.nullDevice
            input = nil
        case .bytes(let bytes):
            let pipe = Pipe()
            process.standardInput = pipe
            input = pipe.fileHandleForWriting
            pendingInput = bytes
        case .pipe:
            let pipe = Pipe()
            process.standardInput = pipe
            input = pipe.fileHandleForWriting
        }
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()

        drain(outputPipe.fileHandleForReading) { [self] data in stdoutData = data }
        drain(errorPipe.fileHandleForReading) { [self] data in stderrData = data }
        if let pendingInput, let input {
            Thread.detachNewThread {
                // The child may exit without reading everything; EPIPE is then expected.
                try? input.write(contentsOf: pendingInput)
                try? input.close()
            }
        }
    }

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits until the child has exited and both of its output pipes are read to the end.
    func wait() -> ProcessOutput {
        drained.wait()
        exited.wait()
        exited.signal()  // a second wait() returns at once
        return lock.withLock {
            ProcessOutput(
                status: process.terminationStatus,
                killedBySignal: process.terminationReason == .uncaughtSignal,
                stdout: stdoutData,
                stderr: stderrData
            )
        }
    }

    /// Like ``wait()``, but kills the child (SIGKILL) should it still run after `seconds`, so a
    /// test of something that could hang fails instead of hanging; the output then says
    /// `killed by signal 9`.
    func wait(killingAfter seconds: Double) -> ProcessOutput {
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            send(SIGKILL)
        } else {
            exited.signal()
        }
        return wait()
    }

    private func drain(_ handle: FileHandle, into store: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        Thread.detachNewThread { [lock, drained] in
            let data = (try? handle.readToEnd()) ?? Data()
            try? handle.close()
            lock.withLock { store(data) }
            drained.leave()
        }
    }

    /// Runs a program to its end and returns what it left.
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL,
        environment: [String: String], stdin: StandardInput = .empty
    ) throws -> ProcessOutput {
        try ChildProcess(executable: executable, arguments: arguments, directory: directory, environment: environment, stdin: stdin).wait()
    }
}
