/// A selection resolved against the store: the query to stream, the tuples it may
/// return, the flags to apply to each row, the retractions that take rows out, and what
/// every selector stood for.
struct SelectionPlan {
    /// The SQL-side filters.
    var query: LabelQuery
    /// The selected provenance tuples, by id.
    let tuples: [Int64: ProvenanceTuple]
    /// The flags and the labels they match.
    let flags: FlagMatcher
    /// Every retraction in the store, by id: a row one took out is as if it were not stored.
    let retractions: [Int64: Retraction]
    /// The `--param` rules, checked per label.
    let params: ParamFilter
    /// The `--output-matches` rules, checked per label.
    let outputs: OutputFilter
    /// What each prompt selector matched, sorted by selector.
    let resolvedPrompts: [Manifest.PromptResolution]
    /// What each model glob matched, sorted by pattern.
    let resolvedModels: [Manifest.ModelResolution]
}

extension SelectionPlan {
    /// The ids of the selected tuples of human labels.
    var humanTupleIDs: Set<Int64> {
        Set(tuples.filter { $0.value.origin == .human }.keys)
    }

    /// Resolves `selection` against `store`'s labels, flags and retractions.
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector.
    static func resolve(_ selection: Selection, in store: any StoreBackend) throws -> SelectionPlan {
        let resolver = SelectionResolver(store: store, catalog: try store.exportCatalog())
        return try resolver.plan(selection.normalized, flags: try store.flags(), retractions: try store.retractions())
    }
}
