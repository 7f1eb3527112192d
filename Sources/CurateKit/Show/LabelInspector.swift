/// Finds one stored label by its record id (or an unambiguous prefix of it) and gathers
/// its full provenance: ingest, producer, prompt, the labels that supersede it, the
/// flags that quarantine it, matched exactly as export matches them, and its retraction.
public struct LabelInspector {
    private let store: any StoreBackend

    /// The shortest record id prefix looked up by scanning the labels.
    public static let minimumPrefixLength = 8
    /// How many candidate ids an ambiguous prefix lists.
    public static let listedCandidates = 10

    /// An inspector of the labels in `store`.
    public init(store: Store) {
        self.init(store: store.backend)
    }

    init(store: any StoreBackend) {
        self.store = store
    }

    /// The label whose record id is `id`, else the one label whose id starts with `id`
    /// (at least ``minimumPrefixLength`` characters).
    /// - Throws: ``ShowError/unknownLabel(id:)`` or ``ShowError/ambiguousLabel(prefix:candidates:)``;
    ///   ``StoreError`` for a damaged store; ``OutputPatternError`` for a stored output flag
    ///   that is no longer a valid pattern.
    public func label(_ id: String) throws -> LabelDetail {
        try store.readSnapshot {
            guard var found = try store.labelDetail(id: try recordID(id)) else { throw ShowError.unknownLabel(id: id) }
            let label = found.detail
            found.detail.supersededBy = try store.labelIDs(superseding: label.id, task: label.tuple.task, inputID: label.inputID)
            found.detail.flags = try flags(of: label, tupleID: found.tupleID)
            if let retractionID = found.retractionID {
                found.detail.retraction = try store.retractions().first { $0.id == retractionID }
            }
            return found.detail
        }
    }

    /// The record id `selector` names: itself when a label has that id, else the one stored id
    /// it starts (at least ``minimumPrefixLength`` characters), as `show` and `retract` take it.
    /// - Throws: ``ShowError/unknownLabel(id:)`` or ``ShowError/ambiguousLabel(prefix:candidates:)``.
    func recordID(_ selector: String) throws -> String {
        if try store.hasRecord(id: selector) { return selector }
        guard selector.count >= Self.minimumPrefixLength else { throw ShowError.unknownLabel(id: selector) }
        let ids = try store.labelIDs(prefix: selector, limit: Self.listedCandidates + 1)
        guard ids.count <= 1 else { throw ShowError.ambiguousLabel(prefix: selector, candidates: ids) }
        guard let id = ids.first else { throw ShowError.unknownLabel(id: selector) }
        return id
    }

    /// The stored flags that match `label`, through the matcher export uses.
    private func flags(of label: LabelDetail, tupleID: Int64) throws -> [LabelFlag] {
        let flags = try store.flags()
        let matcher = try FlagMatcher(flags: flags, tuples: [tupleID: label.tuple])
        let row = StoredLabel(
            task: label.tuple.task, inputID: label.inputID, createdAt: label.createdAt.nanosecondsSinceEpoch, id: label.id,
            output: JSONWriter.canonical(label.output), input: nil, run: label.run, tupleID: tupleID)
        var counts = [Int](repeating: 0, count: matcher.flags.count)
        _ = matcher.count(row, into: &counts)
        return zip(matcher.flags, counts).filter { $0.1 > 0 }.map(\.0)
    }
}
