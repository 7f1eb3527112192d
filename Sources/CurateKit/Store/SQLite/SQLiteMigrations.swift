/// The store's schema, as an append-only list of migrations.
///
/// A migration is never edited once released: a change is a new migration at the
/// end. `PRAGMA user_version` records how many have run.
struct Migration: Sendable {
    let version: Int
    let sql: String
}

enum SQLiteMigrations {
    /// Every migration in order; the last one's version is the current schema.
    static let all: [Migration] = [
        Migration(version: 1, sql: """
            CREATE TABLE prompts (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                sha256 TEXT,            -- NULL while the text behind this version label is unknown
                text TEXT               -- the template, when a record or the workspace supplied it
            );
            CREATE UNIQUE INDEX prompts_identity ON prompts (name, version, ifnull(sha256, ''));

            CREATE TABLE tuples (
                id INTEGER PRIMARY KEY,
                origin TEXT NOT NULL CHECK (origin IN ('llm', 'human')),
                model TEXT,
                annotator TEXT,
                prompt_id INTEGER REFERENCES prompts (id),
                hash_status TEXT CHECK (hash_status IN ('recorded', 'resolved', 'inferred-git', 'ambiguous', 'unknown'))
            );
            CREATE UNIQUE INDEX tuples_identity
                ON tuples (origin, ifnull(model, ''), ifnull(annotator, ''), ifnull(prompt_id, 0), ifnull(hash_status, ''));

            CREATE TABLE ingests (
                id INTEGER PRIMARY KEY,
                ingested_at INTEGER NOT NULL,   -- nanoseconds since the epoch, UTC
                sources TEXT NOT NULL           -- JSON array of the input names
            );

            CREATE TABLE labels (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL,
                id_key INTEGER NOT NULL,        -- first 8 bytes of SHA-256(id): a small, fast lookup key
                content_sha256 BLOB NOT NULL,
                tuple_id INTEGER NOT NULL REFERENCES tuples (id),
                ingest_id INTEGER NOT NULL REFERENCES ingests (id),
                task TEXT NOT NULL,
                input_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,    -- nanoseconds since the epoch, UTC
                output TEXT NOT NULL,           -- canonical JSON
                input TEXT,                     -- canonical JSON
                params TEXT,                    -- canonical JSON
                run TEXT,
                meta TEXT                       -- canonical JSON
            );
            CREATE INDEX labels_id_key ON labels (id_key);
            CREATE INDEX labels_export ON labels (task, input_id, created_at);
            """),
        Migration(version: 2, sql: """
            CREATE TABLE flags (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('prompt', 'model', 'run', 'record')),
                target TEXT NOT NULL,           -- prompt pattern (NAME@VERSION#HASH, * for any), model glob, run id or record id
                reason TEXT NOT NULL,
                created_at INTEGER NOT NULL     -- nanoseconds since the epoch, UTC
            );
            CREATE UNIQUE INDEX flags_target ON flags (kind, target);

            -- The provenance tuples of each task, with counts and time spans, from the index alone:
            -- export resolves its selectors against it, stats reads it, neither scans the labels.
            CREATE INDEX labels_tuples ON labels (task, tuple_id, created_at);
            """),
        Migration(version: 3, sql: """
            -- Labels per task and provenance tuple, kept up to date by whoever adds or moves labels
            -- (ingest, backfill) in the same transaction: stats, prompts and export read these few
            -- rows instead of an index with an entry per label, which every insert had to update.
            CREATE TABLE tuple_labels (
                task TEXT NOT NULL,
                tuple_id INTEGER NOT NULL REFERENCES tuples (id),
                labels INTEGER NOT NULL,
                first_created_at INTEGER NOT NULL,  -- nanoseconds since the epoch, UTC
                last_created_at INTEGER NOT NULL,
                PRIMARY KEY (task, tuple_id)
            ) WITHOUT ROWID;
            INSERT INTO tuple_labels
                SELECT task, tuple_id, count(*), min(created_at), max(created_at) FROM labels GROUP BY task, tuple_id;
            DROP INDEX labels_tuples;
            """),
        Migration(version: 4, sql: """
            -- A label's id_key is unique among labels that are not `collided`, so ingest inserts a
            -- new label in one statement (a conflict on the key means: look it up). A label whose
            -- key another id already had when it came is `collided`, found through its own index.
            ALTER TABLE labels ADD COLUMN collided INTEGER NOT NULL DEFAULT 0 CHECK (collided IN (0, 1));
            UPDATE labels SET collided = 1
                WHERE EXISTS (SELECT 1 FROM labels AS earlier WHERE earlier.id_key = labels.id_key AND earlier.seq < labels.seq);
            DROP INDEX labels_id_key;
            CREATE UNIQUE INDEX labels_id_key ON labels (id_key) WHERE collided = 0;
            CREATE INDEX labels_collided ON labels (id_key) WHERE collided = 1;
            """),
        Migration(version: 5, sql: """
            -- Input batches (about 1 MiB of whole lines, as ingest reads them) every line of which an
            -- ingest stored as a label: the same bytes are the same labels, stored already, so a later
            -- ingest counts such a batch as duplicates without parsing it. A row per batch and
            -- provenance tuple as its records state it (before any prompt is resolved), with how
            -- many records have it. Labels are never deleted, so a row stays true.
            CREATE TABLE stored_batches (
                sha256 BLOB NOT NULL,           -- SHA-256 of the batch's bytes
                task TEXT NOT NULL,
                origin TEXT NOT NULL,
                model TEXT,
                annotator TEXT,
                prompt_name TEXT,
                prompt_version TEXT,
                prompt_sha256 TEXT,
                hash_status TEXT,
                records INTEGER NOT NULL
            );
            CREATE INDEX stored_batches_sha256 ON stored_batches (sha256);
            """),
        Migration(version: 6, sql: """
            -- The record id of the label a regenerated label replaces, as its record named it
            -- (`supersedes`): checked at ingest to be a stored label of the same task and input.
            ALTER TABLE labels ADD COLUMN supersedes TEXT;
            """),
        Migration(version: 7, sql: """
            -- Flags of kind 'output' (a regular expression over labels' outputs): SQLite cannot
            -- change a CHECK constraint, so the table is made anew with its rows.
            CREATE TABLE flags_new (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('prompt', 'model', 'run', 'record', 'output')),
                target TEXT NOT NULL,           -- prompt pattern, model glob, run id, record id or output pattern
                reason TEXT NOT NULL,
                created_at INTEGER NOT NULL     -- nanoseconds since the epoch, UTC
            );
            INSERT INTO flags_new (id, kind, target, reason, created_at) SELECT id, kind, target, reason, created_at FROM flags;
            DROP TABLE flags;
            ALTER TABLE flags_new RENAME TO flags;
            CREATE UNIQUE INDEX flags_target ON flags (kind, target);
            """),
        Migration(version: 8, sql: """
            -- Retractions: labels taken out of every export, stale and audit for good. The labels
            -- stay in `labels`, so the audit trail stays; a row here says which were taken, when and why.
            CREATE TABLE retractions (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('record', 'run', 'ingest')),
                target TEXT NOT NULL,           -- record id, run id or ingest id, as given after resolving
                reason TEXT NOT NULL,
                created_at INTEGER NOT NULL     -- nanoseconds since the epoch, UTC
            );
            -- Each retracted label once, with the retraction that took it (the first that named it);
            -- a label stream joins it on `seq` (the rowid here) only when there is a retraction.
            CREATE TABLE retracted_labels (
                label_seq INTEGER PRIMARY KEY REFERENCES labels (seq),
                retraction_id INTEGER NOT NULL REFERENCES retractions (id)
            );
            """),
        Migration(version: 9, sql: """
            -- The export index carries each label's tuple: a selection that leaves tuples out (a
            -- prompt version, a model) tells those labels from their index entries, without
            -- reading their rows. (PostgreSQL reads a row before such a test either way, so its
            -- index stays on three columns.)
            DROP INDEX labels_export;
            CREATE INDEX labels_export ON labels (task, input_id, created_at, tuple_id);
            """),
        Migration(version: 10, sql: """
            -- The export index carries `supersedes` too, so an export choosing the newest label
            -- of each input decides from index entries alone and reads the row of the label it
            -- writes, not of every label (``IndexedLabelReads``). NULL for a label that replaces
            -- none: a byte of the entry's header.
            DROP INDEX labels_export;
            CREATE INDEX labels_export ON labels (task, input_id, created_at, tuple_id, supersedes);
            """),
        Migration(version: 11, sql: """
            -- The export index carries each label's output too, so `audit`, which compares the
            -- outputs of every selected label of an input, reads them from the index instead of
            -- looking up every label's row (``IndexedLabelReads``). Outputs are short: the
            -- index grows by about half on a label log, the store by ~3%.
            DROP INDEX labels_export;
            CREATE INDEX labels_export ON labels (task, input_id, created_at, tuple_id, supersedes, output);
            """),
        Migration(version: 12, sql: """
            -- The id keys of the labels that are not `collided`, each with its label's `seq`: the
            -- unique index every new label was checked against, made a table of its own, so that an
            -- ingest inserts the keys it adds sorted, a run at a time (``LabelKeys``), instead of
            -- each at a random place of an index that outgrows the page cache. The table's key is
            -- its rowid: a lookup compares integers, and an entry is about as small as the index's.
            CREATE TABLE label_keys (
                id_key INTEGER PRIMARY KEY,
                seq INTEGER NOT NULL            -- the label's row in `labels`
            );
            INSERT INTO label_keys (id_key, seq) SELECT id_key, seq FROM labels WHERE collided = 0 ORDER BY id_key;
            DROP INDEX labels_id_key;
            """),
    ]

    /// The schema version this build writes.
    static var current: Int { all.last?.version ?? 0 }
}
