/// The one stream behind `export`, `stale` and `audit`: the labels a selection plan
/// selects, grouped by input, with the labels the resolution chooses for each; labels a
/// retraction took out are set apart in each group, never candidates.
///
/// Labels come from the store in (task, input_id, created_at) order, read on a second
/// thread (see ``RowPrefetcher``), and are handed on one input at a time, so memory
/// stays flat however many there are: it grows with the labels of one input only.
struct LabelStream {
    /// What the stream counted on its way.
    struct Counts: Equatable {
        /// Labels the selection matched, before flags and resolution, less retracted ones.
        var labelsSelected = 0
        /// Of those, labels a flag matched.
        var labelsFlagged = 0
        /// Labels each flag of the plan matched, index for index with its flags.
        var perFlag: [Int]
        /// Labels the selection matched that a retraction took out (not in ``labelsSelected``).
        var labelsRetracted = 0
        /// Those labels, per retraction id.
        var perRetraction: [Int64: Int] = [:]
    }

    let store: any StoreBackend
    let plan: SelectionPlan
    let resolver: LabelResolver
    /// Whether flagged labels are candidates too.
    let includeFlagged: Bool

    /// A stream of `plan`'s labels resolved by `policy`.
    /// - Parameter humanPriority: whether an input's human labels, when it has any, are its only candidates.
    init(store: any StoreBackend, plan: SelectionPlan, policy: ResolvePolicy, humanPriority: Bool, includeFlagged: Bool) {
        self.store = store
        self.plan = plan
        self.includeFlagged = includeFlagged
        resolver = LabelResolver(
            policy: policy, humanPriority: humanPriority,
            humanTuples: plan.humanTupleIDs)
    }

    /// Calls `body` with each input's group, in (task, input_id) order (UTF-8 byte order).
    /// - Returns: the counts of labels selected and flagged.
    /// - Throws: what reading the store or `body` throws.
    func forEach(_ body: (InputLabels) throws -> Void) throws -> Counts {
        var counts = Counts(perFlag: Array(repeating: 0, count: plan.flags.flags.count))
        var labels: [StoredLabel] = []
        var flags: [FlagKinds] = []
        var retracted: [StoredLabel] = []
        var anyFlagged = false

        // A function of its own, so the group handed to `body` is released before the arrays
        // are emptied, and their storage, referenced once again, is reused instead of copied.
        func finishGroup() throws {
            guard !labels.isEmpty || !retracted.isEmpty else { return }
            Self.orderTies(&labels, &flags)
            let candidates = anyFlagged && !includeFlagged ? labels.indices.filter { flags[$0].isEmpty }.map { labels[$0] } : labels
            try body(InputLabels(labels: labels, flags: flags, chosen: resolver.choose(from: candidates), retracted: retracted))
        }

        try RowPrefetcher<Void>.forEach(plan.query, in: store, tuples: plan.tuples) { (label: consuming StoredLabel) in
            guard plan.params.accepts(params: label.params), plan.outputs.accepts(output: label.output) else { return }
            if let first = labels.first ?? retracted.first,
               String.compareUTF8(first.inputID, label.inputID) != 0 || String.compareUTF8(first.task, label.task) != 0 {
                try finishGroup()
                labels.removeAll(keepingCapacity: true)
                flags.removeAll(keepingCapacity: true)
                retracted.removeAll(keepingCapacity: true)
                anyFlagged = false
            }
            if let retraction = label.retraction {
                counts.labelsRetracted += 1
                counts.perRetraction[retraction, default: 0] += 1
                retracted.append(label)
                return
            }
            counts.labelsSelected += 1
            let matched = plan.flags.count(label, into: &counts.perFlag)
            if !matched.isEmpty {
                counts.labelsFlagged += 1
                anyFlagged = true
            }
            labels.append(label)
            flags.append(matched)
        }
        try finishGroup()
        return counts
    }

    /// Calls `body` with the labels the resolution chose for each input that has any, in
    /// (task, input_id) order: what an export writes. From a store with ``IndexedLabelReads``,
    /// for a plan ``IndexedChoice`` applies to, whose labels come several to an input, only the
    /// chosen labels' rows are read.
    /// - Returns: the counts of labels selected and flagged.
    /// - Throws: what reading the store or `body` throws.
    func forEachChosen(_ body: (ArraySlice<StoredLabel>) throws -> Void) throws -> Counts {
        guard let indexed = store as? any IndexedLabelReads, IndexedChoice.applies(to: plan, policy: resolver.policy),
              try IndexedChoice.pays(for: plan.query, in: indexed)
        else {
            return try forEach { group in
                if !group.chosen.isEmpty { try body(group.chosen) }
            }
        }
        let choice = IndexedChoice(
            plan: plan, humanPriority: resolver.humanPriority, includeFlagged: includeFlagged, storeLocation: store.location)
        let query = plan.query
        return try RowPrefetcher.forEach(
            reading: { emit in try choice.read(try indexed.labelKeyReader(query), emit: emit) },
            from: store, tuples: plan.tuples, withParams: false, withInput: query.readsInputs
        ) { (label: consuming StoredLabel) in
            try body([label][...])
        }
    }

    /// Orders one input's labels by (created_at, id), ids in UTF-8 byte order, and their
    /// flags with them; the store gives them ordered by created_at alone, so only ties need work.
    static func orderTies(_ labels: inout [StoredLabel], _ flags: inout [FlagKinds]) {
        guard labels.count > 1 else { return }
        if zip(labels, labels.dropFirst()).allSatisfy({ !$1.precedes($0) }) { return }
        let order = labels.indices.sorted { labels[$0].precedes(labels[$1]) }
        labels = order.map { labels[$0] }
        flags = order.map { flags[$0] }
    }
}
