/// What `curate check` found in a store: what it checked, and every problem.
public struct StoreCheckReport: Sendable, Hashable {
    /// One way the store is damaged.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// A line of SQLite's `PRAGMA integrity_check` other than `ok`: the file's structure is damaged.
        case integrity(String)
        /// A label's stored values no longer hash to its `content_sha256`: some of its bytes changed.
        case contentChanged(labelID: String, seq: Int64)
        /// A value curate never writes: in `table`, the row `row`, column `column`.
        case badValue(table: String, row: String, column: String, value: String)
        /// The labels of a tuple whose row is missing or damaged, which cannot be re-hashed.
        case unverifiable(tupleID: Int64, labels: Int)
        /// A `tuple_labels` row (or its absence: nil) disagrees with the labels of its task and tuple.
        case tupleCounts(task: String, tupleID: Int64, stored: TupleSpan?, labels: TupleSpan?)
        /// An entry of `label_keys`, or one it lacks, that disagrees with the label `seq`:
        /// ingest would not find that label by its id.
        case idKey(key: Int64, seq: Int64, reason: String)
        /// A part of the store could not be read at all: SQLite's message.
        case unreadable(part: String, message: String)

        public var description: String {
            switch self {
            case .integrity(let line):
                "integrity: \(line)"
            case .contentChanged(let id, let seq):
                "label \(id) (seq \(seq)): its stored values no longer match its content hash (content_sha256); the label was changed after ingest"
            case .badValue(let table, let row, let column, let value):
                "table \(table), \(row), column \(column): holds \(value), which curate never writes there"
            case .unverifiable(let tupleID, let labels):
                "tuple \(tupleID): \(labels) label\(labels == 1 ? "" : "s") could not be re-hashed because the tuple row is missing or damaged"
            case .tupleCounts(let task, let tupleID, let stored, let labels):
                "tuple_labels (task \(task), tuple \(tupleID)): stores \(stored?.description ?? "no row"), the labels have \(labels?.description ?? "none")"
            case .idKey(let key, let seq, let reason):
                "label_keys (id_key \(key), label seq \(seq)): \(reason)"
            case .unreadable(let part, let message):
                "\(part): cannot be read (\(message))"
            }
        }
    }

    /// A count of labels and the span of their `created_at`, as `tuple_labels` keeps it.
    public struct TupleSpan: Sendable, Hashable, CustomStringConvertible {
        public var labels: Int64
        public var first: Timestamp
        public var last: Timestamp

        public var description: String {
            "\(labels) label\(labels == 1 ? "" : "s") from \(first.rfc3339) to \(last.rfc3339)"
        }
    }

    /// The store's path, or its URL with the password masked.
    public var path: String
    /// Pages of the store file that SQLite's integrity check walked; nil for a store without
    /// such a check (PostgreSQL).
    public var pages: Int?
    /// Labels whose content hash was recomputed.
    public var labels = 0
    /// Provenance tuples read.
    public var tuples = 0
    /// `tuple_labels` rows (and label groups) compared.
    public var tupleCounts = 0
    /// The problems found, in the order of the checks, at most ``problemLimit`` of them.
    public var problems: [Problem] = []
    /// How many problems were found, listed or not.
    public var problemCount = 0

    /// The most problems a report lists: a store damaged throughout would otherwise list each label.
    public static let problemLimit = 1_000

    public init(path: String) {
        self.path = path
    }

    /// Whether the store passed every check.
    public var isOK: Bool { problemCount == 0 }

    /// Adds a problem (listed while under ``problemLimit``).
    mutating func add(_ problem: Problem) {
        problemCount += 1
        if problems.count < Self.problemLimit { problems.append(problem) }
    }
}
