/// A label store, opened: the handle every command and library type is given.
///
/// Behind it is one backend (``StoreBackend``): SQLite, the embedded default, or
/// PostgreSQL for a team. This is the one place that opens either, so every command
/// behaves the same on both. Opening a store migrates its schema forward.
public final class Store {
    /// Where the store is.
    public let location: StoreLocation
    let backend: any StoreBackend

    /// Opens the store at `location` and migrates it to the current schema.
    /// - Parameter create: make the store when there is none (only `curate init` does);
    ///   otherwise a missing store is an error, so a mistyped path or URL never receives labels.
    /// - Throws: ``StoreError`` for a SQLite store, ``PostgresError`` for a PostgreSQL one.
    public init(_ location: StoreLocation, create: Bool = false) throws {
        self.location = location
        switch location {
        case .sqlite(let path): backend = try SQLiteStore(path: path, create: create)
        case .postgres(let url): backend = try PostgresStore(url: url, create: create)
        }
    }

    /// A handle on a backend opened already.
    init(backend: any StoreBackend, location: StoreLocation) {
        self.backend = backend
        self.location = location
    }

    /// Opens the SQLite store at `path` (see ``init(_:create:)``).
    public convenience init(path: String, create: Bool = false) throws {
        try self.init(.sqlite(path: path), create: create)
    }

    /// Checks the whole store for damage (see ``StoreCheckReport``).
    public func check() throws -> StoreCheckReport { try backend.check() }
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple.
    public func tupleStats() throws -> [TupleStats] { try backend.tupleStats() }
    /// The distinct `params` of each (task, provenance tuple), with how many labels have each.
    public func paramSets() throws -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] {
        try backend.paramSets()
    }
    /// Label counts and first/last `created_at` per prompt text and hash status, sorted by prompt.
    public func promptUsage() throws -> [PromptUsage] { try backend.promptUsage() }
    /// Every LLM label whose prompt hash is `unknown` or `ambiguous`, by prompt version then `created_at`.
    public func unplacedLabels() throws -> [UnplacedLabel] { try backend.unplacedLabels() }
}
