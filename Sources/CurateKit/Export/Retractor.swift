/// Retracts labels for good: a record, a run, or every label one ingest stored is taken out of
/// every export, `stale` and `audit` (`--include-flagged` does not bring it back), and the
/// retraction is journaled with its reason and time.
///
/// Nothing is deleted: the labels stay in the store, `curate show` says when and why each was
/// retracted, and `curate check` still checks them. A retraction takes the labels its target has
/// when it is made; a label stored later (a run that goes on) is not retracted until the target
/// is retracted again. There is no undo: a reversible quarantine is a flag (``Quarantine``).
public struct Retractor {
    private let store: any StoreBackend

    /// A retractor of the labels in `store`.
    public init(store: Store) {
        self.store = store.backend
    }

    /// Every retraction in the journal, oldest first.
    public func retractions() throws -> [Retraction] {
        try store.retractions()
    }

    /// How many labels each retraction took out, by retraction id.
    public func retractedLabels() throws -> [Int64: Int] {
        try store.retractedLabelCounts()
    }

    /// Retracts the labels `selector` names that no earlier retraction took, in one transaction.
    /// - Parameter selector: for a record its id or a prefix of at least
    ///   ``LabelInspector/minimumPrefixLength`` characters that starts one id; for a run its id;
    ///   for an ingest the number `curate ingest` printed.
    /// - Returns: the retraction stored, or none when every label it names was retracted already
    ///   (the store is then left as it was).
    /// - Throws: ``ShowError`` for an unknown or ambiguous record, ``ExportError/unknownRun(run:candidates:)``
    ///   (the runs most like it first), ``RetractionError`` for an unknown ingest or one that stored
    ///   no label; nothing is written then.
    @discardableResult
    public func retract(kind: RetractionKind, selector: String, reason: String, at time: Timestamp) throws -> RetractionOutcome {
        let target: String
        switch kind {
        case .record: target = try LabelInspector(store: store).recordID(selector)
        case .run: target = selector
        case .ingest: target = String(try ingestID(selector))
        }
        let outcome = try store.retract(kind: kind, target: target, reason: reason, at: time)
        guard outcome.matched == 0 else { return outcome }
        switch kind {
        case .record:
            throw ShowError.unknownLabel(id: selector)
        case .run:
            throw ExportError.unknownRun(run: selector, candidates: SelectionResolver.nearest(to: selector, among: try store.runs(tasks: [])))
        case .ingest:
            throw RetractionError.ingestWithoutLabels(id: target)
        }
    }

    /// The ingest id `selector` names.
    /// - Throws: ``RetractionError/unknownIngest(selector:last:)`` for anything but the id of an ingest.
    private func ingestID(_ selector: String) throws -> Int64 {
        let last = try store.lastIngestID()
        guard let id = Int64(selector), id >= 1, let last, id <= last else { throw RetractionError.unknownIngest(selector: selector, last: last) }
        return id
    }
}
