import CurateKit
import Foundation

/// The time a command records (a manifest's `created_at`, a flag's time).
///
/// `SOURCE_DATE_EPOCH` (whole seconds since the epoch), the reproducible-builds
/// convention, overrides the clock, so a pipeline can make byte-identical manifests.
enum CommandClock {
    static func now() -> Timestamp {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) {
            return Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000)
        }
        return Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
    }
}
