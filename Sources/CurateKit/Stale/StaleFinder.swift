import Foundation

/// Finds the inputs whose chosen label is stale — made by an outdated prompt text, of an
/// unknown text, or quarantined — and those left with no label by flags or retractions, for
/// `curate stale`.
///
/// It reads the same stream as an export (``LabelStream``: the same selection, one label
/// per input by the same resolution) and hands each stale input on as it comes, so memory
/// stays flat however many labels there are. An input decided by a human label is never stale.
public struct StaleFinder {
    /// What `curate stale` is asked for.
    public struct Options: Sendable, Hashable {
        /// Which labels are considered.
        public var selection: Selection
        /// How one label per input is chosen.
        public var resolve: ResolvePolicy
        /// Whether an input's human labels, when it has any, are its only candidates.
        public var humanPriority: Bool
        /// `NAME@VERSION[#HASH]` texts to regenerate with instead of each name's newest locked text.
        public var with: [String]
        /// Regular expressions: a chosen label whose output matches one is stale (`output-matches`).
        public var outputMatches: [String]
        /// Whether each stale input carries its `input` payload; a count or a summary needs none,
        /// and reads faster without (every label is re-hashed all the same).
        public var withInputs: Bool

        /// Options with `curate stale`'s defaults.
        public init(
            selection: Selection = Selection(), resolve: ResolvePolicy = .latest, humanPriority: Bool = true, with: [String] = [],
            outputMatches: [String] = [], withInputs: Bool = true
        ) {
            self.selection = selection
            self.resolve = resolve
            self.humanPriority = humanPriority
            self.with = with
            self.outputMatches = outputMatches
            self.withInputs = withInputs
        }
    }

    private let store: any StoreBackend
    private let promptsFolder: URL

    /// A finder over `store`, with the workspace's `prompts/` (its lock and templates).
    public init(store: Store, promptsFolder: URL) {
        self.store = store.backend
        self.promptsFolder = promptsFolder
    }

    /// Calls `body` with each stale input, in (task, input_id) order.
    /// - Returns: the counts.
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector, ``StaleError`` for a
    ///   `--with` that names no single text or a text that cannot be found, ``OutputPatternError``
    ///   for an output pattern that is not a valid regular expression.
    @discardableResult
    public func forEach(_ options: Options, _ body: (StaleInput) throws -> Void) throws -> StaleSummary {
        try store.readSnapshot {
            var plan = try SelectionPlan.resolve(options.selection, in: store)
            plan.query.readsInputs = options.withInputs
            return try stream(plan, options, body)
        }
    }

    /// ``forEach(_:_:)`` inside its read snapshot, with the plan resolved.
    private func stream(_ plan: SelectionPlan, _ options: Options, _ body: (StaleInput) throws -> Void) throws -> StaleSummary {
        let targets = try PromptTargets(promptsFolder: promptsFolder, store: store, overrides: options.with)
        let patterns = try options.outputMatches.map(OutputPattern.init)
        let stream = LabelStream(
            store: store, plan: plan, policy: options.resolve, humanPriority: options.humanPriority,
            includeFlagged: options.selection.includeFlagged)
        var summary = StaleSummary()
        _ = try stream.forEach { group in
            summary.inputs += 1
            if group.chosen.contains(where: { plan.tuples[$0.tupleID]?.origin == .human }) {
                summary.humanDecided += 1
                return
            }
            guard let stale = try Self.stale(group, plan: plan, targets: targets, patterns: patterns) else { return }
            summary.count(stale)
            try body(stale)
        }
        return summary
    }

    /// What `curate stale --count` and `--summary` report, without the inputs. When
    /// ``IndexedChoice`` applies and no output pattern is given, it is worked out from the
    /// export index alone, reading no label row (no label content is used); otherwise as
    /// ``forEach(_:_:)`` counts it.
    /// - Throws: what ``forEach(_:_:)`` throws.
    public func summary(_ options: Options) throws -> StaleSummary {
        try store.readSnapshot {
            var plan = try SelectionPlan.resolve(options.selection, in: store)
            plan.query.readsInputs = false
            guard let indexed = store as? any IndexedLabelReads, options.outputMatches.isEmpty,
                  IndexedChoice.applies(to: plan, policy: options.resolve)
            else { return try stream(plan, options) { _ in } }
            let targets = try PromptTargets(promptsFolder: promptsFolder, store: store, overrides: options.with)
            let choice = IndexedChoice(
                plan: plan, humanPriority: options.humanPriority, includeFlagged: options.selection.includeFlagged,
                storeLocation: store.location)
            var summary = StaleSummary()
            var reasonsByTuple: [Int64: [StaleReason]?] = [:]
            let reader = try indexed.labelKeyReader(plan.query)
            _ = try choice.forEachInput(reader) { input in
                summary.inputs += 1
                if let chosen = input.chosen, plan.tuples[chosen.tupleID]?.origin == .human {
                    summary.humanDecided += 1
                    return
                }
                guard let why = try Self.reasons(input, choice: choice, reader: reader, plan: plan, targets: targets, byTuple: &reasonsByTuple)
                else { return }
                summary.count(task: input.task, why: why)
            }
            return summary
        }
    }

    /// Why the input is stale, from its index entries, as ``stale(_:plan:targets:patterns:)``
    /// decides it without output patterns; nil when it is current or decided by a person.
    /// - Parameter byTuple: the reasons found so far for a chosen label of each tuple id, which
    ///   depend on its tuple alone.
    private static func reasons(
        _ input: IndexedChoice.Input, choice: IndexedChoice, reader: any LabelKeyReader, plan: SelectionPlan, targets: PromptTargets,
        byTuple: inout [Int64: [StaleReason]?]
    ) throws -> [StaleReason]? {
        guard let chosen = input.chosen else {
            let kept = input.labels.filter { $0.retraction == nil }
            var why = Set(kept.flatMap { plan.flags.kinds(tupleID: $0.tupleID).kinds }.map(StaleReason.init(flag:)))
            if kept.count < input.labels.count { why.insert(.retracted) }
            // The text to regenerate with is not reported, but one that cannot be found fails as the lines would.
            let prompted = input.labels.filter { plan.tuples[$0.tupleID]?.prompt != nil }
            if let newest = try choice.newest(of: prompted, reader), let prompt = plan.tuples[newest.tupleID]?.prompt {
                _ = try targets.target(of: prompt.name)
            }
            return why.sorted()
        }
        if let known = byTuple[chosen.tupleID] { return known }
        let why = try reasons(ofChosen: chosen.tupleID, plan: plan, targets: targets)
        byTuple[chosen.tupleID] = why
        return why
    }

    /// Why a chosen label of tuple `tupleID` is stale; nil when it is current.
    private static func reasons(ofChosen tupleID: Int64, plan: SelectionPlan, targets: PromptTargets) throws -> [StaleReason]? {
        guard let tuple = plan.tuples[tupleID] else { return nil }
        let why = reasons(tuple, flags: plan.flags.kinds(tupleID: tupleID), current: tuple.prompt.flatMap { targets.current(of: $0.name) })
        guard !why.isEmpty else { return nil }
        _ = try tuple.prompt.flatMap { try targets.target(of: $0.name) }
        return why
    }

    /// The input as a stale one, or nil when its chosen labels are current.
    private static func stale(_ group: InputLabels, plan: SelectionPlan, targets: PromptTargets, patterns: [OutputPattern]) throws -> StaleInput? {
        guard !group.chosen.isEmpty else {
            // Every label is quarantined or retracted: the input has no label to train on.
            var why = Set(group.flags.flatMap(\.kinds).map(StaleReason.init(flag:)))
            if !group.retracted.isEmpty { why.insert(.retracted) }
            let all = group.retracted.isEmpty ? group.labels : (group.labels + group.retracted).sorted { $0.precedes($1) }
            let newestPrompt = all.reversed().lazy.compactMap { plan.tuples[$0.tupleID]?.prompt }.first
            return StaleInput(
                task: group.task, inputID: group.inputID, input: all.last?.input, why: why.sorted(), label: nil,
                regenerateWith: try newestPrompt.flatMap { try targets.target(of: $0.name) })
        }
        for label in group.chosen.reversed() {
            guard let tuple = plan.tuples[label.tupleID] else { continue }
            let flags = group.labels.firstIndex { $0.id == label.id }.map { group.flags[$0] } ?? []
            var why = reasons(tuple, flags: flags, current: tuple.prompt.flatMap { targets.current(of: $0.name) })
            if !why.contains(.outputMatches), patterns.contains(where: { $0.matches(output: label.output) }) {
                why.append(.outputMatches)
                why.sort()
            }
            guard !why.isEmpty else { continue }
            return StaleInput(
                task: group.task, inputID: group.inputID, input: label.input, why: why,
                label: StaleInput.Label(
                    id: label.id, output: label.output, model: tuple.model, prompt: tuple.prompt, hashStatus: tuple.hashStatus,
                    createdAt: Timestamp(nanosecondsSinceEpoch: label.createdAt)),
                regenerateWith: try tuple.prompt.flatMap { try targets.target(of: $0.name) })
        }
        return nil
    }

    /// Why a label of `tuple`, matched by flags of `flags`, is stale when `current` is its prompt name's current text.
    private static func reasons(_ tuple: ProvenanceTuple, flags: FlagKinds, current: PromptRef?) -> [StaleReason] {
        var why = Array(Set(flags.kinds.map(StaleReason.init(flag:))))
        if let prompt = tuple.prompt, let current {
            if prompt.version != current.version {
                if prompt.promptVersion < current.promptVersion { why.append(.olderVersion) }
            } else if let sha256 = prompt.sha256, sha256 != current.sha256 {
                why.append(.olderText)
            }
        }
        switch tuple.hashStatus {
        case .ambiguous?: why.append(.ambiguousHash)
        case .unknown?: why.append(.unknownHash)
        default: break
        }
        return why.sorted()
    }
}
