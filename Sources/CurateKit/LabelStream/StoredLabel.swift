/// One stored label as a selection streams it; JSON payloads are canonical JSON text.
struct StoredLabel: Sendable {
    let task: String
    let inputID: String
    let createdAt: Int64
    let id: String
    let output: String
    let input: String?
    let run: String?
    let tupleID: Int64
    /// The record id of the label this one replaces, as its record named it.
    let supersedes: String?
    /// The generation parameters as canonical JSON; read only when ``LabelQuery/readsParams``.
    let params: String?

    init(
        task: String, inputID: String, createdAt: Int64, id: String, output: String, input: String?, run: String?,
        tupleID: Int64, supersedes: String? = nil, params: String? = nil
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
    }

    /// The text fields, by their column in a label query's rows.
    enum Text: Int32, CaseIterable {
        case task = 0, inputID = 1, id = 3, output = 4, input = 5, run = 6, supersedes = 8, params = 9
    }
}

extension StoredLabel {
    /// A row from its texts (`text` gives nil for NULL) and numbers; a NULL where a text is
    /// required reads as empty, or `null` for `output`.
    init(text: (Text) -> String?, createdAt: Int64, tupleID: Int64) {
        self.init(
            task: text(.task) ?? "", inputID: text(.inputID) ?? "", createdAt: createdAt, id: text(.id) ?? "",
            output: text(.output) ?? "null", input: text(.input), run: text(.run), tupleID: tupleID,
            supersedes: text(.supersedes), params: text(.params))
    }
}
