import Foundation

/// Why `curate ingest` refused its input.
public enum IngestError: LocalizedError, Sendable, Equatable {
    /// A line failed validation.
    case invalidRecord(source: String, line: Int, problem: RecordProblem)
    /// A record id is already stored (or seen earlier) with different content.
    case conflict(source: String, line: Int, id: String)
    /// An input file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// An output file (the reject file) could not be written.
    case unwritable(path: String, reason: String)
    /// The reject file is one of the inputs, so rejected lines would be read again.
    case rejectIsInput(rejectPath: String, input: String)
    /// Several lines were refused; the first few are listed.
    case refused(problems: [IngestError], total: Int)

    public var errorDescription: String? {
        switch self {
        case .invalidRecord(let source, let line, let problem):
            return "\(source):\(line): \(problem)"
        case .conflict(let source, let line, let id):
            return "\(source):\(line): field \"id\": record \"\(id)\" is already stored with different content; "
                + "give the changed record a new id (or drop \"id\" to use a content hash)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .rejectIsInput(let rejectPath, let input):
            return "--reject \(rejectPath) is the input \(input) (the same file); the rejected lines would be appended to "
                + "the file being read. Name a reject file that is not one of the inputs."
        case .refused(let problems, let total):
            var lines = problems.compactMap(\.errorDescription)
            if total > problems.count { lines.append("… and \(total - problems.count) more") }
            lines.append("refused \(total) bad line\(total == 1 ? "" : "s"); nothing was stored. "
                + "Fix the lines, or pass --skip-invalid to store the good ones and write the bad ones to a reject file.")
            return lines.joined(separator: "\n")
        }
    }
}
