import CurateKit
import Foundation

/// A single self-overwriting progress line on standard error, at most a few times a second.
final class ProgressLine {
    private let enabled: Bool
    private let started = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ progress: IngestProgress) {
        guard enabled, Date().timeIntervalSince(lastShown) >= 0.25 else { return }
        lastShown = Date()
        let megabytes = Double(progress.bytesRead) / 1_000_000
        let rate = megabytes / max(Date().timeIntervalSince(started), 0.001)
        Terminal.writeProgress("\r\u{1B}[Kingesting: \(progress.lines) lines, \(String(format: "%.1f", megabytes)) MB (\(String(format: "%.0f", rate)) MB/s)")
        shown = true
    }

    /// Clears the line so the summary starts on a clean one.
    func finish() {
        if shown { Terminal.writeProgress("\r\u{1B}[K") }
    }
}
