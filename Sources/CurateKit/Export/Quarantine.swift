/// Flags and unflags prompts, models, runs and records: a persistent quarantine that
/// keeps their labels out of every export that does not include flagged labels.
///
/// A selector is checked against the store when it is flagged (an unknown or ambiguous
/// one is refused with the candidates) and kept in canonical form: a prompt as a
/// ``PromptPattern`` (so flagging `v2` covers every text ever stored as v2, and labels
/// later placed on a flagged text by backfill), a model as its glob, a run or record
/// as its id, an output pattern as its source (checked to be a valid ``OutputPattern``).
public struct Quarantine {
    private let store: any StoreBackend

    /// A quarantine kept in `store`.
    public init(store: Store) {
        self.store = store.backend
    }

    /// Every flag, sorted by kind then target.
    public func flags() throws -> [LabelFlag] {
        try store.flags()
    }

    /// The kinds of the prompt and model flags among `flags` that quarantine every label of
    /// `tuple` (run, record and output flags hold back single labels, not tuples).
    public static func tupleFlags(_ tuple: ProvenanceTuple, among flags: [LabelFlag]) -> [FlagKind] {
        var kinds: [FlagKind] = []
        if let prompt = tuple.prompt, isFlagged(prompt, among: flags) { kinds.append(.prompt) }
        if let model = tuple.model, flags.contains(where: { $0.kind == .model && ModelGlob(pattern: $0.target).matches(model) }) {
            kinds.append(.model)
        }
        return kinds
    }

    /// Whether a prompt flag among `flags` quarantines the labels of `prompt`.
    public static func isFlagged(_ prompt: PromptRef, among flags: [LabelFlag]) -> Bool {
        flags.contains { $0.kind == .prompt && (PromptPattern(canonical: $0.target)?.matches(prompt) ?? false) }
    }

    /// How many stored labels each flag holds back (a label several flags match counts for
    /// each). Prompt and model flags are counted from the per-tuple counts; a run flag counts
    /// its labels; an output flag reads every label's output once, only when there is one.
    /// - Returns: the counts, index for index with `flags`.
    public func heldBack(by flags: [LabelFlag]) throws -> [Int] {
        let tuples = try store.tupleStats()
        let outputFlags = try flags.enumerated().filter { $0.element.kind == .output }.map { ($0.offset, try OutputPattern($0.element.target)) }
        var counts = try flags.map { flag -> Int in
            switch flag.kind {
            case .prompt:
                guard let pattern = PromptPattern(canonical: flag.target) else { return 0 }
                return tuples.filter { $0.tuple.prompt.map(pattern.matches) ?? false }.reduce(0) { $0 + $1.labels }
            case .model:
                let glob = ModelGlob(pattern: flag.target)
                return tuples.filter { $0.tuple.model.map(glob.matches) ?? false }.reduce(0) { $0 + $1.labels }
            case .run:
                return try store.labelCount(run: flag.target)
            case .record:
                return try store.hasRecord(id: flag.target) ? 1 : 0
            case .output:
                return 0
            }
        }
        if !outputFlags.isEmpty {
            try store.readSnapshot {
                try store.forEachOutput { output in
                    for (index, pattern) in outputFlags where pattern.matches(output: output) { counts[index] += 1 }
                }
            }
        }
        return counts
    }

    /// The canonical target `selector` names.
    /// - Throws: ``ExportError`` when it matches nothing stored, or is ambiguous.
    public func target(kind: FlagKind, selector: String) throws -> String {
        let catalog = try store.exportCatalog()
        switch kind {
        case .prompt:
            return try PromptSelectorResolver(prompts: catalog.compactMap(\.tuple.prompt)).resolve(selector).pattern.description
        case .model:
            _ = try ModelGlob(pattern: selector).resolve(among: Selection.sortedUnique(catalog.compactMap(\.tuple.model)))
            return selector
        case .run:
            guard try store.hasRun(selector, tasks: []) else {
                throw ExportError.unknownRun(run: selector, candidates: SelectionResolver.nearest(to: selector, among: try store.runs(tasks: [])))
            }
            return selector
        case .record:
            guard try store.hasRecord(id: selector) else { throw ExportError.unknownRecord(id: selector) }
            return selector
        case .output:
            return try OutputPattern(selector).source
        }
    }

    /// Flags what `selector` names.
    /// - Returns: the flag as stored, and whether it is new (a repeated flag keeps the
    ///   first reason and time).
    @discardableResult
    public func flag(kind: FlagKind, selector: String, reason: String, at time: Timestamp) throws -> (flag: LabelFlag, isNew: Bool) {
        let flag = LabelFlag(kind: kind, target: try target(kind: kind, selector: selector), reason: reason, createdAt: time)
        let stored = try store.addFlag(flag)
        return (stored, stored == flag)
    }

    /// Removes the flag `selector` names: a stored target as written, or a selector
    /// that resolves to one.
    /// - Returns: the flag removed.
    /// - Throws: ``ExportError/notFlagged(kind:target:flagged:)`` when it is not flagged.
    @discardableResult
    public func unflag(kind: FlagKind, selector: String) throws -> LabelFlag {
        let flagged = try store.flags().filter { $0.kind == kind }
        var target = selector
        if !flagged.contains(where: { $0.target == selector }) {
            target = (try? self.target(kind: kind, selector: selector)) ?? selector
        }
        guard let flag = flagged.first(where: { $0.target == target }), try store.removeFlag(kind: kind, target: target) else {
            throw ExportError.notFlagged(kind: kind, target: selector, flagged: flagged.map(\.target))
        }
        return flag
    }
}
