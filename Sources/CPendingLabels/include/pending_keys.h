#ifndef CURATE_PENDING_KEYS_H
#define CURATE_PENDING_KEYS_H

#include <sqlite3.h>

/// One entry waiting to be inserted into `label_keys`: a label's id key and its row's `seq`.
typedef struct {
    sqlite3_int64 id_key;
    sqlite3_int64 seq;
} curate_pending_key;

/// The rows the `curate_pending_keys` table shows; the caller owns and fills them.
typedef struct {
    const curate_pending_key *rows;
    int count;
} curate_pending_keys;

/// Registers `curate_pending_keys` on `db`: a read-only table (id_key, seq) of the rows the
/// returned source points to (none at first), so that a run of keys is inserted by one
/// `INSERT … SELECT` instead of a statement per key.
/// The source is freed when `db` closes; register once per connection.
/// Returns NULL when SQLite refuses (the reason is in `sqlite3_errmsg(db)`) or memory runs out.
curate_pending_keys *curate_register_pending_keys(sqlite3 *db);

#endif
