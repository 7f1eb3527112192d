/// One selected label as the store's export index holds it: enough to choose an input's
/// newest label without reading the label's row (see ``IndexedChoice``).
struct LabelKey: Sendable, Hashable {
    /// The label's row, for reading it or its identity later.
    let seq: Int64
    /// `created_at`, in nanoseconds since the epoch.
    let createdAt: Int64
    let tupleID: Int64
    /// Whether the label names a label it replaces (`supersedes`).
    let replacesAnother: Bool
    /// The retraction that took the label out; nil when none did, or the query does not read retractions.
    let retraction: Int64?
    /// Whether the label is the first of its input (task and input id) in the stream.
    let startsInput: Bool
    /// The label's output (canonical JSON); nil unless the reader was made with outputs
    /// (``IndexedLabelReads/labelKeyReader(_:withOutputs:)``).
    var output: String? = nil
}

/// Reads, on one connection, the index entries of the labels a query selects and, between
/// them, single label rows.
protocol LabelKeyReader: AnyObject {
    /// The next index entry, in the order of ``StoreBackend/forEachStoredLabel(_:_:)``; nil after the last.
    func next() throws -> LabelKey?
    /// The task of the entry ``next()`` gave last.
    var task: String { get }
    /// The record id and `supersedes` of the label in row `seq`.
    func identity(ofLabel seq: Int64) throws -> (id: String, supersedes: String?)
    /// Calls `body` with the row of the label in row `seq`, in place, its columns as a label query's.
    func withRow(ofLabel seq: Int64, _ body: (any StoredLabelColumns) throws -> Void) throws
}

/// A store whose export index holds each label's `created_at`, tuple and whether it replaces
/// another: a stream that chooses each input's newest label can decide from the index and
/// read only the rows it chose. SQLite's does; a backend without it reads every row.
protocol IndexedLabelReads: StoreBackend {
    /// A reader of `query`'s index entries, used on one thread; `query` filters only on
    /// tuples, tasks and `created_at` (see ``IndexedChoice/readsFromIndex(_:)``).
    /// - Parameter withOutputs: whether each entry carries its output (``LabelKey/output``).
    func labelKeyReader(_ query: LabelQuery, withOutputs: Bool) throws -> any LabelKeyReader
    /// About how many labels `query` selects per input, from labels drawn at random; nil when
    /// too few of the labels drawn are selected to tell.
    func labelsPerInput(_ query: LabelQuery) throws -> Double?
}

extension IndexedLabelReads {
    /// A reader of `query`'s index entries without their outputs.
    func labelKeyReader(_ query: LabelQuery) throws -> any LabelKeyReader {
        try labelKeyReader(query, withOutputs: false)
    }
}
