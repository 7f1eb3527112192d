/// One validated label with its full provenance, ready for the store.
///
/// JSON payloads (`output`, `input`, `params`, `meta`) are kept as canonical JSON
/// text (see ``JSONWriter``), so they are stored and exported without re-parsing.
public struct LabelRecord: Sendable, Equatable {
    /// The caller's `id`, or the hex SHA-256 of the record's canonical content.
    public var id: String
    /// SHA-256 of the canonical content (everything but `id`); tells a duplicate from a conflict.
    public var contentDigest: [UInt8]
    public var task: String
    public var inputID: String
    /// Canonical JSON of the generated label or artifact.
    public var output: String
    /// Canonical JSON of the input payload, when the record had one.
    public var input: String?
    /// When the LLM (or person) produced the label.
    public var createdAt: Timestamp
    public var producer: Producer
    /// Canonical JSON of the generation parameters.
    public var params: String?
    public var run: String?
    /// Canonical JSON of anything else the caller kept with the record.
    public var meta: String?
    /// The record id of the stored label (same task and input) this one replaces: a
    /// regenerated label names the stale one it answers.
    public var supersedes: String? = nil

    /// Who made a label, with what they need for provenance.
    public enum Producer: Sendable, Equatable {
        /// An LLM: the exact model id, the prompt, the template text when the record
        /// carried it, and how sure we are of the prompt's hash.
        case llm(model: String, prompt: PromptRef, promptText: String?, hashStatus: HashStatus)
        /// A person, by annotator id.
        case human(annotator: String)
    }

    /// Whether the record names its prompt by name and version only, so its hash is to be resolved.
    public var needsPromptResolution: Bool {
        if case .llm(_, _, _, .unknown) = producer { true } else { false }
    }

    public var origin: Origin {
        switch producer {
        case .llm: .llm
        case .human: .human
        }
    }
}
