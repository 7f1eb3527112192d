#ifndef CURATE_PENDING_LABELS_H
#define CURATE_PENDING_LABELS_H

#include <sqlite3.h>

/// Bytes of a text or blob column, borrowed from the caller; `bytes == NULL` is SQL NULL.
typedef struct {
    const unsigned char *bytes;
    int count;
} curate_bytes;

/// One label waiting to be inserted: the columns of `labels` an ingest sets per row.
typedef struct {
    curate_bytes id;
    curate_bytes content_sha256;
    curate_bytes task;
    curate_bytes input_id;
    curate_bytes output;
    curate_bytes input;
    curate_bytes params;
    curate_bytes run;
    curate_bytes meta;
    curate_bytes supersedes;
    sqlite3_int64 id_key;
    sqlite3_int64 tuple_id;
    sqlite3_int64 created_at;
} curate_pending_label;

/// The rows the `curate_pending_labels` table shows; the caller owns and fills them.
typedef struct {
    const curate_pending_label *rows;
    int count;
} curate_pending_labels;

/// Registers `curate_pending_labels` on `db`: a read-only table of the rows the returned
/// source points to (none at first), so that a batch of labels is inserted by one
/// `INSERT … SELECT` instead of a statement per row. SQLite reads the rows' bytes in place.
/// The source is freed when `db` closes; register once per connection.
/// Returns NULL when SQLite refuses (the reason is in `sqlite3_errmsg(db)`) or memory runs out.
curate_pending_labels *curate_register_pending_labels(sqlite3 *db);

#endif
