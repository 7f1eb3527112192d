/// One provenance tuple row of a store being copied: what produced labels, without the task.
struct CopiedTuple: Sendable, Equatable {
    /// The row's id in the source, which labels, tuple counts and nothing else refer to.
    var id: Int64
    var origin: Origin
    var model: String?
    var annotator: String?
    /// The id of the tuple's prompt row (LLM tuples only).
    var promptID: Int64?
    var hashStatus: HashStatus?
}
