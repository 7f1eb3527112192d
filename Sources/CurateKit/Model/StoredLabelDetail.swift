/// A stored label as ``StoreBackend/labelDetail(id:)`` reads it: the label (without the labels that
/// supersede it, the flags that match it and its retraction), its provenance tuple's id and
/// the id of the retraction that took it out.
struct StoredLabelDetail {
    var detail: LabelDetail
    let tupleID: Int64
    let retractionID: Int64?
}
