/// Chooses each input's newest label from the store's export index (``IndexedLabelReads``)
/// and reads the rows of the chosen labels only: the stream of an export that resolves by
/// `latest` and selects by nothing but tuples, tasks and time. On a log whose inputs are
/// labelled again and again, most selected labels are then never read.
///
/// The choice is ``LabelResolver``'s for ``ResolvePolicy/latest``, made from index entries:
/// retracted labels are counted and left out, flagged ones counted and (without
/// `--include-flagged`) left out, an input's human labels are its only candidates when it has
/// any (`--human-priority`), and the newest wins. Record ids are read only where the entries
/// cannot decide: when a candidate replaces another (`supersedes` names a record id) or two
/// candidates share the newest `created_at` (the greater id in UTF-8 byte order wins).
/// A chosen row is re-hashed like any row read, and must agree with its index entry.
/// `stale --count` and `--summary` walk the same entries (``forEachInput(_:_:)``) and read no row.
struct IndexedChoice {
    let plan: SelectionPlan
    let humanPriority: Bool
    /// Whether flagged labels are candidates too.
    let includeFlagged: Bool
    /// The store as its messages name it.
    let storeLocation: String
    /// Tuple ids of human labels (``SelectionPlan/humanTupleIDs``).
    private let humanTuples: Set<Int64>

    /// The choice among `plan`'s labels, by `--human-priority` and `--include-flagged` as given.
    init(plan: SelectionPlan, humanPriority: Bool, includeFlagged: Bool, storeLocation: String) {
        self.plan = plan
        self.humanPriority = humanPriority
        self.includeFlagged = includeFlagged
        self.storeLocation = storeLocation
        humanTuples = plan.humanTupleIDs
    }

    /// Whether the choice can be made from index entries for `plan` resolved by `policy`:
    /// `latest`, and a plan the index tells (``readsFromIndex(_:)``).
    static func applies(to plan: SelectionPlan, policy: ResolvePolicy) -> Bool {
        policy == .latest && readsFromIndex(plan)
    }

    /// Whether index entries tell which of `plan`'s labels are selected and flagged: no flag
    /// but prompt and model flags, and no filter on params, outputs, runs or ingests.
    static func readsFromIndex(_ plan: SelectionPlan) -> Bool {
        plan.flags.matchesByTupleOnly && plan.params.isEmpty && plan.outputs.isEmpty
            && plan.query.excludedRuns.isEmpty && plan.query.ingestedThrough == nil && !plan.query.readsParams
    }

    /// Whether `query`'s labels come at least two to an input (``IndexedLabelReads/labelsPerInput(_:)``):
    /// then reading the chosen rows only pays for walking the index first. With about one label
    /// per input nearly every row is read anyway, and the walk of the index and a lookup per row
    /// cost more than reading the rows in index order (Benchmarks/README).
    static func pays(for query: LabelQuery, in store: any IndexedLabelReads) throws -> Bool {
        try store.labelsPerInput(query).map { $0 >= 2 } ?? false
    }

    /// How many chosen labels' rows ``read(_:window:windowBytes:emit:)`` reads at a time, at most.
    static let rowsReadTogether = 4096
    /// About how many bytes of rows it holds at a time: a window of long rows holds fewer labels.
    static let bytesReadTogether = 8 << 20

    /// Walks the index entries `reader` gives, calling `emit` with the row of each input's
    /// chosen label, in the stream's (task, input_id) order.
    ///
    /// The rows are read a window of chosen labels at a time, in `seq` order: each ingest batch
    /// stored its rows in the index's order, so a window's rows lie in short runs, and reading
    /// them in `seq` order reads each run's rows one after another. A window holds `window`
    /// labels at most, fewer when the rows read so far were long: about `windowBytes` of rows.
    /// - Returns: the labels selected, flagged and retracted, counted as ``LabelStream`` counts them.
    func read(
        _ reader: any LabelKeyReader, window: Int = rowsReadTogether, windowBytes: Int = bytesReadTogether,
        emit: (any StoredLabelColumns) throws -> Void
    ) throws -> LabelStream.Counts {
        var chosen: [LabelKey] = []
        chosen.reserveCapacity(window)
        var rows = CopiedLabelRows(capacity: window)
        var labelsInWindow = window
        let counts = try forEachInput(reader) { input in
            guard let label = input.chosen else { return }
            chosen.append(label)
            guard chosen.count >= labelsInWindow else { return }
            let read = try readRows(of: &chosen, into: &rows, reader, emit: emit)
            let bytesPerRow = max(1, read.bytes / max(1, read.rows))
            labelsInWindow = max(1, min(window, windowBytes / bytesPerRow))
        }
        _ = try readRows(of: &chosen, into: &rows, reader, emit: emit)
        return counts
    }

    /// Reads the rows of the labels `chosen` in `seq` order, each of which must agree with its
    /// index entry, and calls `emit` with them in the order they were chosen; empties both lists.
    /// - Returns: how many rows were read, and their bytes.
    private func readRows(
        of chosen: inout [LabelKey], into rows: inout CopiedLabelRows, _ reader: any LabelKeyReader,
        emit: (any StoredLabelColumns) throws -> Void
    ) throws -> (rows: Int, bytes: Int) {
        defer {
            chosen.removeAll(keepingCapacity: true)
            rows.removeAll()
        }
        // The copied row of each chosen label, by its place in `chosen`.
        var copiedRow = [Int](repeating: 0, count: chosen.count)
        for (copied, index) in chosen.indices.sorted(by: { chosen[$0].seq < chosen[$1].seq }).enumerated() {
            let key = chosen[index]
            try reader.withRow(ofLabel: key.seq) { columns in
                guard try columns.createdAt() == key.createdAt, try columns.tupleID() == key.tupleID else {
                    throw StoreError.inconsistent(
                        path: storeLocation,
                        reason: "the export index disagrees with label row seq \(key.seq); run `curate check`")
                }
                try rows.append(columns)
            }
            copiedRow[index] = copied
        }
        try rows.withUnsafeBytes { buffer in
            for row in copiedRow { try emit(CopiedLabelColumns(row: rows.rows[row], buffer: buffer)) }
        }
        return (rows.count, rows.byteCount)
    }

    /// One input as its index entries tell it.
    struct Input {
        /// The input's task.
        let task: String
        /// Every selected label of the input, retracted and flagged ones too, in `created_at` order.
        let labels: [LabelKey]
        /// The label the resolution chose; nil when none was a candidate.
        let chosen: LabelKey?
    }

    /// Walks the index entries `reader` gives, calling `body` with each input in the stream's
    /// (task, input_id) order; reads no row unless a choice needs record ids.
    /// - Returns: the labels selected, flagged and retracted, counted as ``LabelStream`` counts them.
    func forEachInput(_ reader: any LabelKeyReader, _ body: (Input) throws -> Void) throws -> LabelStream.Counts {
        try forEachGroup(reader) { task, labels, candidates in
            try body(Input(task: task, labels: labels, chosen: try choose(from: candidates, reader)))
        }
    }

    /// Walks the index entries `reader` gives, calling `body` with each input's task, every
    /// selected label of it (retracted and flagged ones too) and its candidates (neither
    /// retracted nor, unless flagged labels are included, flagged), each in `created_at` order,
    /// inputs in the stream's (task, input_id) order. Reads no row.
    /// - Returns: the labels selected, flagged and retracted, counted as ``LabelStream`` counts them.
    func forEachGroup(
        _ reader: any LabelKeyReader, _ body: (_ task: String, _ labels: [LabelKey], _ candidates: [LabelKey]) throws -> Void
    ) throws -> LabelStream.Counts {
        var counts = LabelStream.Counts(perFlag: Array(repeating: 0, count: plan.flags.flags.count))
        var labels: [LabelKey] = []
        var candidates: [LabelKey] = []
        var task = ""
        func finishInput() throws {
            defer {
                labels.removeAll(keepingCapacity: true)
                candidates.removeAll(keepingCapacity: true)
            }
            guard !labels.isEmpty else { return }
            try body(task, labels, candidates)
        }
        while let key = try reader.next() {
            if key.startsInput {
                try finishInput()
                task = reader.task
            }
            labels.append(key)
            if let retraction = key.retraction {
                counts.labelsRetracted += 1
                counts.perRetraction[retraction, default: 0] += 1
                continue
            }
            counts.labelsSelected += 1
            if plan.flags.count(tupleID: key.tupleID, into: &counts.perFlag) {
                counts.labelsFlagged += 1
                if !includeFlagged { continue }
            }
            candidates.append(key)
        }
        try finishInput()
        return counts
    }

    /// The candidate ``LabelResolver`` chooses by `latest`; nil when there is none.
    /// - Parameter candidates: an input's candidates in `created_at` order, as the index gives them.
    private func choose(from candidates: [LabelKey], _ reader: any LabelKeyReader) throws -> LabelKey? {
        guard !candidates.isEmpty else { return nil }
        if candidates.contains(where: \.replacesAnother) { return try chooseByIdentity(candidates, reader) }
        let humansOnly = humanPriority && candidates.contains { humanTuples.contains($0.tupleID) }
        var newest: LabelKey?
        var tied = false
        for key in candidates where !humansOnly || humanTuples.contains(key.tupleID) {
            tied = newest?.createdAt == key.createdAt
            newest = key
        }
        guard let newest, tied else { return newest }
        return try self.newest(of: candidates.filter { $0.createdAt == newest.createdAt && (!humansOnly || humanTuples.contains($0.tupleID)) }, reader)
    }

    /// The newest of `labels` by (created_at, id), ids in UTF-8 byte order, read only when
    /// several share the newest `created_at`; nil when there are none.
    func newest(of labels: [LabelKey], _ reader: any LabelKeyReader) throws -> LabelKey? {
        guard let newestTime = labels.map(\.createdAt).max() else { return nil }
        return try ordered(labels.filter { $0.createdAt == newestTime }, reader).last
    }

    /// `labels`, given in `created_at` order, in (created_at, id) order, ids in UTF-8 byte
    /// order: the order of an input's labels in ``LabelStream``. Ids are read only for labels
    /// that share a `created_at`.
    func ordered(_ labels: [LabelKey], _ reader: any LabelKeyReader) throws -> [LabelKey] {
        var result = labels
        var start = 0
        while start < result.count {
            var end = start + 1
            while end < result.count, result[end].createdAt == result[start].createdAt { end += 1 }
            if end - start > 1 {
                let run = Array(result[start..<end])
                let ids = try run.map { try reader.identity(ofLabel: $0.seq).id }
                for (offset, index) in ids.indices.sorted(by: { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }).enumerated() {
                    result[start + offset] = run[index]
                }
            }
            start = end
        }
        return result
    }

    /// The choice with the candidates' record ids read: less those another candidate
    /// supersedes, its human labels only when it has any, then the newest by (created_at, id).
    private func chooseByIdentity(_ candidates: [LabelKey], _ reader: any LabelKeyReader) throws -> LabelKey? {
        let identities = try candidates.map { try reader.identity(ofLabel: $0.seq) }
        let superseded = Set(identities.compactMap(\.supersedes))
        var current = candidates.indices.filter { !superseded.contains(identities[$0].id) }
        if humanPriority, current.contains(where: { humanTuples.contains(candidates[$0].tupleID) }) {
            current = current.filter { humanTuples.contains(candidates[$0].tupleID) }
        }
        return try newest(of: current.map { candidates[$0] }, reader)
    }
}
