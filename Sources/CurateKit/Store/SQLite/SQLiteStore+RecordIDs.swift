extension SQLiteStore {
    /// A query for the `seq` of the label with record id `id` and id key (``RecordIDKey``)
    /// `key`, both SQL parameters: found through `label_keys`, as ingest finds it, or among
    /// the `collided` labels.
    static func seqOfRecord(key: String, id: String) -> String {
        """
        SELECT k.seq FROM label_keys AS k JOIN labels AS named ON named.seq = k.seq WHERE k.id_key = \(key) AND named.id = \(id)
        UNION ALL SELECT seq FROM labels WHERE id_key = \(key) AND collided = 1 AND id = \(id)
        """
    }
}
