/// What identifies a `tuples` row in either backend: the producer, the prompt row and the hash
/// status (a prompt's text stands in it by the row of its hash).
struct TupleRowKey: Hashable {
    let origin: Origin
    let model: String?
    let annotator: String?
    let promptID: Int64?
    let hashStatus: HashStatus?
}
