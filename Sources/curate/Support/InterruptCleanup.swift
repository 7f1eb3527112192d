import CurateKit
import Foundation

/// What curate does on SIGINT (Ctrl-C) and SIGTERM: remove the staging and temporary
/// folders the command was writing (``ScratchFolders``), then exit 130 or 143 (128 plus
/// the signal number, as a shell reports a process the signal killed).
///
/// Both signals are blocked in the main thread before any other thread exists, so every
/// thread inherits the block, and one thread takes them with `sigwait`. The removal thus
/// runs as ordinary code on that thread, not in a signal handler, so it need not be
/// async-signal-safe; it waits for an export that is renaming its folder into place to
/// finish, and ends the process with `_exit`, running no other cleanup.
enum InterruptCleanup {
    /// Installs the handling; call once, first thing in `main`.
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let waited = signals
        Thread.detachNewThread {
            var set = waited
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            ScratchFolders.removeAllForExit()
            _exit(128 + received)
        }
    }
}
