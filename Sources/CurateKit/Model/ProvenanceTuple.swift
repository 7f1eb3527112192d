/// The provenance a label shares with others: what produced it, for which task,
/// and how sure we are of the prompt text. Counts and rules are per tuple.
public struct ProvenanceTuple: Sendable, Hashable, Comparable, Codable {
    public var task: String
    public var origin: Origin
    /// The exact model id (LLM labels only).
    public var model: String?
    /// Who labeled it (human labels only).
    public var annotator: String?
    /// The prompt (LLM labels only).
    public var prompt: PromptRef?
    /// How sure we are of `prompt.sha256` (LLM labels only).
    public var hashStatus: HashStatus?

    public init(task: String, origin: Origin, model: String?, annotator: String?, prompt: PromptRef?, hashStatus: HashStatus?) {
        self.task = task
        self.origin = origin
        self.model = model
        self.annotator = annotator
        self.prompt = prompt
        self.hashStatus = hashStatus
    }

    /// The tuple of a record about to be stored (a prompt's text is not part of it: its hash stands for it).
    public init(of record: LabelRecord) {
        switch record.producer {
        case .llm(let model, let prompt, _, let status):
            self.init(task: record.task, origin: .llm, model: model, annotator: nil, prompt: prompt, hashStatus: status)
        case .human(let annotator):
            self.init(task: record.task, origin: .human, model: nil, annotator: annotator, prompt: nil, hashStatus: nil)
        }
    }

    /// Whether the tuple names its prompt by name and version only, so its hash is to be resolved
    /// (as ``LabelRecord/needsPromptResolution`` for a record of the tuple).
    public var needsPromptResolution: Bool {
        origin == .llm && hashStatus == .unknown
    }

    /// Who produced the label, as a person reads it: the model id, or `human:ANNOTATOR`.
    public var producerDescription: String {
        model ?? "human:\(annotator ?? "?")"
    }

    private var sortKey: [String] {
        [task, origin.rawValue, model ?? "", annotator ?? "", prompt?.name ?? "", prompt?.version ?? "", prompt?.sha256 ?? "", hashStatus?.rawValue ?? ""]
    }

    public static func < (lhs: ProvenanceTuple, rhs: ProvenanceTuple) -> Bool {
        lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey)
    }
}
