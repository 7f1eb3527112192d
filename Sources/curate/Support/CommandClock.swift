import CurateKit
import Foundation

/// The time a command records (a manifest's `created_at`, a flag's time).
///
/// `SOURCE_DATE_EPOCH` (whole seconds since the epoch), the reproducible-builds
/// convention, overrides the clock, so a pipeline can make byte-identical manifests.
enum CommandClock {
    /// The current time, or `SOURCE_DATE_EPOCH` when it is set.
    /// - Throws: a bad-input ``CurateFailure`` when `SOURCE_DATE_EPOCH` is set but is not whole
    ///   seconds within the supported times, rather than quietly using the clock instead.
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Timestamp {
        guard let text = environment["SOURCE_DATE_EPOCH"] else {
            return Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
        }
        guard let seconds = Int64(text), let time = Timestamp(wholeSecondsSinceEpoch: seconds) else {
            throw CurateFailure(
                message: "SOURCE_DATE_EPOCH=\"\(text)\" is not a time: set it to whole seconds since 1970-01-01T00:00:00Z "
                    + "within \(Timestamp.supportedRangeDescription) (e.g. SOURCE_DATE_EPOCH=1780000000), or unset it",
                exitCode: CurateFailure.badInput)
        }
        return time
    }
}
