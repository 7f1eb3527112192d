/// The provenance columns of a data-file row, computed once per provenance tuple.
struct ProducerColumns: Sendable {
    let origin: String
    let model: String?
    let annotator: String?
    /// `NAME@VERSION#HASH12`.
    let prompt: String?
    let promptSHA256: String?
    let hashStatus: String?

    init(_ tuple: ProvenanceTuple) {
        origin = tuple.origin.rawValue
        model = tuple.model
        annotator = tuple.annotator
        prompt = tuple.prompt?.shortForm
        promptSHA256 = tuple.prompt?.sha256
        hashStatus = tuple.hashStatus?.rawValue
    }
}
