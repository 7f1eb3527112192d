import Foundation

/// Writing to standard output and error.
enum Terminal {
    /// Writes `text` to standard output as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `curate: MESSAGE` and a newline to standard error.
    static func writeError(_ message: String) {
        FileHandle.standardError.write(Data("curate: \(message)\n".utf8))
    }

    /// Writes `text` to standard error as is (progress lines).
    static func writeProgress(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal, where a progress line helps.
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
