/// One stored label as a selection streams it; JSON payloads are canonical JSON text.
struct StoredLabel: Sendable {
    let task: String
    let inputID: String
    let createdAt: Int64
    let id: String
    let output: String
    /// The input payload as canonical JSON; left out when not ``LabelQuery/readsInputs``.
    let input: String?
    let run: String?
    let tupleID: Int64
    /// The record id of the label this one replaces, as its record named it.
    let supersedes: String?
    /// The generation parameters as canonical JSON; read only when ``LabelQuery/readsParams``.
    let params: String?
    /// The id of the retraction that took the label out; read only when ``LabelQuery/readsRetractions``.
    let retraction: Int64?

    init(
        task: String, inputID: String, createdAt: Int64, id: String, output: String, input: String?, run: String?,
        tupleID: Int64, supersedes: String? = nil, params: String? = nil, retraction: Int64? = nil
    ) {
        self.task = task
        self.inputID = inputID
        self.createdAt = createdAt
        self.id = id
        self.output = output
        self.input = input
        self.run = run
        self.tupleID = tupleID
        self.supersedes = supersedes
        self.params = params
        self.retraction = retraction
    }

    /// The text fields, by their column in a label query's rows.
    enum Text: Int32, CaseIterable {
        case task = 0, inputID = 1, id = 3, output = 4, input = 5, run = 6, supersedes = 8, params = 9, meta = 10
    }
}

extension StoredLabel {
    /// A label from its texts (`text` gives nil for NULL) and numbers, or nil when a text
    /// every label has is NULL; `params` and `input` only when asked for.
    init?(text: (Text) -> String?, createdAt: Int64, tupleID: Int64, withParams: Bool, withInput: Bool, retraction: Int64? = nil) {
        guard let task = text(.task), let inputID = text(.inputID), let id = text(.id), let output = text(.output) else { return nil }
        self.init(
            task: task, inputID: inputID, createdAt: createdAt, id: id, output: output, input: withInput ? text(.input) : nil, run: text(.run),
            tupleID: tupleID, supersedes: text(.supersedes), params: withParams ? text(.params) : nil, retraction: retraction)
    }
}

extension StoredLabel {
    /// Whether the label comes before `other` in (created_at, id) order, ids in UTF-8 byte order:
    /// the order of an input's labels.
    func precedes(_ other: StoredLabel) -> Bool {
        createdAt != other.createdAt ? createdAt < other.createdAt : id.utf8.lexicographicallyPrecedes(other.id.utf8)
    }
}
