#include "pending_keys.h"
#include "pending_table.h"

#include <stdlib.h>

enum { COLUMN_ID_KEY, COLUMN_SEQ };

static int keys_count(const void *source) {
    return ((const curate_pending_keys *)source)->count;
}

static void keys_column(const void *source, int row, int column, sqlite3_context *context) {
    const curate_pending_key *key = &((const curate_pending_keys *)source)->rows[row];
    switch (column) {
    case COLUMN_ID_KEY: sqlite3_result_int64(context, key->id_key); break;
    case COLUMN_SEQ: sqlite3_result_int64(context, key->seq); break;
    default: sqlite3_result_null(context); break;
    }
}

static const pending_kind keys_kind = {
    .declaration = "CREATE TABLE x(id_key INTEGER, seq INTEGER)",
    .count = keys_count,
    .column = keys_column,
};

curate_pending_keys *curate_register_pending_keys(sqlite3 *db) {
    curate_pending_keys *source = calloc(1, sizeof(curate_pending_keys));
    if (source == NULL) return NULL;
    if (curate_register_pending_table(db, "curate_pending_keys", &keys_kind, source) != SQLITE_OK) return NULL;
    return source;
}
