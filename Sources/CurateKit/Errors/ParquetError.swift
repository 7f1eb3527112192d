import Foundation

/// Why a Parquet data file could not be written or read.
///
/// Callers wrap it in the error of their command with the file's path
/// (``ExportError/cannotWrite(path:reason:)``, ``DiffError/malformedDataFile(path:row:reason:)``).
enum ParquetError: LocalizedError, Sendable, Equatable {
    /// Zstandard failed to compress or decompress a page; the library's reason.
    case compression(reason: String)
    /// The bytes are not a Parquet file of the shape curate writes; what is wrong.
    case malformed(reason: String)
    /// Reading the file failed; the system's reason.
    case unreadable(reason: String)
    /// A label's output does not have the shape of its struct column (``OutputStruct``); what differs.
    case outputMismatch(reason: String)

    var errorDescription: String? {
        switch self {
        case .compression(let reason): "zstd failed: \(reason)"
        case .malformed(let reason): "not a Parquet file curate can read: \(reason)"
        case .unreadable(let reason): "cannot read the Parquet file: \(reason)"
        case .outputMismatch(let reason): "the output does not fit its struct column: \(reason)"
        }
    }
}
