/// Queries both backends run as they are written, kept once.
enum PortableSQL {
    /// Label counts and first/last `created_at` per prompt text and hash status, from
    /// `tuple_labels`: name, version, sha256, hash_status, labels, first_created_at, last_created_at.
    static let promptUsage = """
        SELECT p.name, p.version, p.sha256, t.hash_status, sum(c.labels) AS labels,
               min(c.first_created_at) AS first_created_at, max(c.last_created_at) AS last_created_at
        FROM tuple_labels c
        JOIN tuples t ON t.id = c.tuple_id
        JOIN prompts p ON p.id = t.prompt_id
        GROUP BY p.name, p.version, p.sha256, t.hash_status
        """

    /// The rows of `tuple_labels` with their tuple (`tupleColumns`, the backend's), labels,
    /// first_created_at, last_created_at, tuple_id and how many of the labels are retracted.
    /// - Parameter retractedLabel: the join of `retracted_labels x` to the label `l` it names.
    static func tupleStats(tupleColumns: String, retractedLabel: String) -> String {
        """
        SELECT \(tupleColumns), c.labels, c.first_created_at, c.last_created_at, c.tuple_id, coalesce(r.labels, 0)
        FROM tuple_labels c
        JOIN tuples t ON t.id = c.tuple_id
        LEFT JOIN prompts p ON p.id = t.prompt_id
        LEFT JOIN (
            SELECT l.task, l.tuple_id, count(*) AS labels FROM retracted_labels x JOIN labels l ON \(retractedLabel)
            GROUP BY l.task, l.tuple_id
        ) r ON r.task = c.task AND r.tuple_id = c.tuple_id
        """
    }

    /// Every LLM label whose prompt hash is `unknown` or `ambiguous`, by prompt version, then
    /// `created_at`, then storing order: seq, id, tuple_id, task, created_at, prompt name,
    /// prompt version, hash_status.
    static let unplacedLabels = """
        SELECT l.seq, l.id, l.tuple_id, l.task, l.created_at, p.name, p.version, t.hash_status
        FROM labels l
        JOIN tuples t ON t.id = l.tuple_id
        JOIN prompts p ON p.id = t.prompt_id
        WHERE t.hash_status IN ('unknown', 'ambiguous')
        ORDER BY p.name, p.version, l.created_at, l.seq
        """
}
