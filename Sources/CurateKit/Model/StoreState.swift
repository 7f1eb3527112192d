/// What a store held when a dataset was exported: enough to tell whether another store
/// (or the same one later) holds the same labels, and to export from it as it was then.
public struct StoreState: Sendable, Hashable {
    /// How many labels the store held, over every task.
    public var labels: Int
    /// Lowercase hex SHA-256 over the labels' 8-byte id keys (the first 8 bytes of a
    /// content-hash id, else of the SHA-256 of the id), each big-endian, in ascending order
    /// as signed integers: a digest of the set of ids that is cheap to read from its index.
    public var idsSHA256: String
    /// The highest ingest id the store had recorded (0 for a store never ingested into).
    /// Labels of later ingests are left out when the dataset is rebuilt from its manifest.
    public var lastIngest: Int64

    /// A state with every part given.
    public init(labels: Int, idsSHA256: String, lastIngest: Int64) {
        self.labels = labels
        self.idsSHA256 = idsSHA256
        self.lastIngest = lastIngest
    }
}

extension StoreState {
    /// `{"labels","ids_sha256","last_ingest"}`, as manifests and reports hold it.
    public var jsonValue: JSONValue {
        .object([("labels", .integer(labels)), ("ids_sha256", .string(idsSHA256)), ("last_ingest", .number(String(lastIngest)))])
    }

    /// `N labels through ingest K (ids #SHA12)`, for people.
    public var summary: String {
        "\(labels) label\(labels == 1 ? "" : "s") through ingest \(lastIngest) (ids #\(idsSHA256.prefix(12)))"
    }
}
