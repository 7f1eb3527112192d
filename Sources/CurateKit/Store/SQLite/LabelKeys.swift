import CPendingLabels
import CSQLite

/// The `label_keys` table as an ingest sees it: which stored label, not `collided`, has an
/// id key, for every label stored before the ingest and by it.
///
/// Every new label is checked against every id stored before it and adds its key. Inserted
/// one at a time, the random keys land at random places of a B-tree that outgrows the page
/// cache at a few million labels, and each insert then reads a page and later writes one
/// back. So the keys an ingest adds are held in memory, a run of ``runLength`` at most, and
/// inserted sorted, a run at a time, each run touching each page of the table at most once.
///
/// A key looked up is first looked for among the held ones, then in a filter of the table's
/// keys (``IDKeyFilter``), and only where the filter says "maybe" in the table: a new
/// label's key is nearly always answered from memory. The filter is built, from the whole
/// table, once the ingest has looked up enough keys to pay for it: at once into an empty
/// store, never for a few labels into a large one.
final class LabelKeys {
    /// Keys held before a run is inserted: bounds the memory the held keys take.
    let runLength: Int
    /// The run length of an ingest: the held keys take about 8 MB.
    static let defaultRunLength = 1 << 18
    /// The most keys the filter is sized for (it then takes 24 MiB): past it, more and more keys
    /// are looked for in the table, and the memory an ingest takes stays flat however large the
    /// store grows.
    static let maximumFilterCapacity = 1 << 24
    private let connection: SQLiteConnection
    private let source: UnsafeMutablePointer<curate_pending_keys>
    private let find: Statement
    private let insertRun: Statement
    private let readAll: Statement
    /// Keys added by this ingest and not inserted yet, with their labels' `seq`.
    private var held: [Int64: Int64] = [:]
    private var filter: IDKeyFilter?
    /// Keys tested while there was no filter.
    private var lookupsWithoutFilter = 0
    /// About how many keys the table held when the ingest began.
    private let keysAtStart: Int

    /// Ready to look up and add keys of `connection`'s `label_keys`, inside its write transaction.
    init(connection: SQLiteConnection, runLength: Int) throws(StoreError) {
        guard let source = connection.pendingKeys else { throw connection.lastError(SQLITE_ERROR) }
        self.connection = connection
        self.source = source
        self.runLength = max(runLength, 1)
        find = try connection.prepare("SELECT seq FROM label_keys WHERE id_key = ?")
        // OR IGNORE: no constraint can then abort the statement midway, so SQLite keeps no
        // statement journal (in memory, a copy of every page a run changes) to undo one.
        insertRun = try connection.prepare("INSERT OR IGNORE INTO label_keys (id_key, seq) SELECT id_key, seq FROM curate_pending_keys")
        readAll = try connection.prepare("SELECT id_key FROM label_keys")
        // Labels are never deleted and numbered from 1 (a copied store keeps its source's
        // numbers): the last number is about how many there are, collided ones too.
        keysAtStart = Int(try connection.prepare("SELECT max(seq) FROM labels").rows { $0.int64(0) }.first.flatMap { $0 } ?? 0)
        held.reserveCapacity(self.runLength)
    }

    /// The `seq` of the label, not `collided`, whose id key is `key`; nil when no label has it.
    func seq(of key: Int64) throws(StoreError) -> Int64? {
        if let seq = heldSeq(of: key) { return seq }
        guard try mayBeInTable(key) else { return nil }
        defer { find.reset() }
        find.bind(1, key)
        guard try find.step() else { return nil }
        return try find.integer(0, of: Statement.RowPlace(table: "label_keys") { "id_key \(key)" })
    }

    /// The `seq` of the label whose key `key` is held, not yet in the table; nil when it is not held.
    func heldSeq(of key: Int64) -> Int64? {
        held[key]
    }

    /// Whether the table may hold `key`: false only when it does not. A key that is held is
    /// not in the table yet (see ``heldSeq(of:)``).
    func mayBeInTable(_ key: Int64) throws(StoreError) -> Bool {
        if filter == nil {
            lookupsWithoutFilter += 1
            if lookupsWithoutFilter * 8 >= keysAtStart { try buildFilter(forAtLeast: keysAtStart) }
        }
        return filter?.mayContain(key) ?? true
    }

    /// Records that the label stored as `seq` has id key `key`, which ``seq(of:)`` found free.
    func add(_ key: Int64, seq: Int64) throws(StoreError) {
        held[key] = seq
        if held.count >= runLength { try insertHeld() }
    }

    /// Inserts every held key; the ingest calls it before it commits.
    func finish() throws(StoreError) {
        try insertHeld()
        filter = nil
        held = [:]
    }

    /// Inserts the held keys into the table in key order, in one statement, and into the filter.
    private func insertHeld() throws(StoreError) {
        guard !held.isEmpty else { return }
        var run = held.map { curate_pending_key(id_key: $0.key, seq: $0.value) }
        run.sort { $0.id_key < $1.id_key }
        try run.withUnsafeBufferPointer { rows throws(StoreError) in
            source.pointee.rows = rows.baseAddress
            source.pointee.count = Int32(rows.count)
            defer {
                source.pointee.rows = nil
                source.pointee.count = 0
            }
            try insertRun.run()
        }
        guard connection.changes == run.count else {
            throw StoreError.inconsistent(path: connection.path, reason: "\(run.count - connection.changes) id keys of new labels were in label_keys already")
        }
        if let filter {
            if filter.count + run.count > filter.capacity, filter.capacity < Self.maximumFilterCapacity {
                try buildFilter(forAtLeast: filter.count + run.count)
            } else {
                for key in run { filter.insert(key.id_key) }
            }
        }
        held.removeAll(keepingCapacity: true)
    }

    /// Makes the filter anew from every key of the table, with room for twice `keys` (and a
    /// run more), up to ``maximumFilterCapacity``: an ingest that grows the table remakes it
    /// each time the table doubles, and so reads the table's keys about twice in all.
    private func buildFilter(forAtLeast keys: Int) throws(StoreError) {
        filter = nil
        let made = IDKeyFilter(capacity: min(2 * keys + runLength, Self.maximumFilterCapacity))
        defer { readAll.reset() }
        let place = Statement.RowPlace(table: "label_keys") { "an id_key" }
        while try readAll.step() {
            made.insert(try readAll.integer(0, of: place))
        }
        filter = made
    }
}
