import CurateKit
import Foundation

/// Writing to standard output and error.
///
/// Human-readable text goes through ``TerminalText/sanitized(_:)`` on its way out, so a
/// control or bidi character in data never reaches the terminal raw even where a report
/// forgot to escape a value; JSON is written exactly as made.
enum Terminal {
    /// Writes human-readable `text` to standard output, its control characters escaped.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.sanitized(text).utf8))
    }

    /// Writes JSON `text` to standard output as is: JSON escapes what it must, and every
    /// value stays exact.
    static func writeJSON(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `curate: MESSAGE` and a newline to standard error, its control characters escaped.
    static func writeError(_ message: String) {
        writeDiagnostic("curate: \(message)\n")
    }

    /// Writes diagnostic `text` (a usage message) to standard error, its control characters escaped.
    static func writeDiagnostic(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.sanitized(text).utf8))
    }

    /// Writes `text` to standard error as is: the progress line, whose escapes are curate's own.
    static func writeProgress(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// How many columns a table may take: `COLUMNS` when it is set to a positive number,
    /// else the width of the terminal standard output is, else 100 (a file, a pipe).
    static var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    /// Whether standard error is a terminal, where a progress line helps.
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
