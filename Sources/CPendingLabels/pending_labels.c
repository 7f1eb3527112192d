#include "pending_labels.h"
#include "pending_table.h"

#include <stdlib.h>

/// Column numbers, in the order of the table's declaration below.
enum {
    COLUMN_ID, COLUMN_ID_KEY, COLUMN_CONTENT_SHA256, COLUMN_TUPLE_ID, COLUMN_TASK, COLUMN_INPUT_ID,
    COLUMN_CREATED_AT, COLUMN_OUTPUT, COLUMN_INPUT, COLUMN_PARAMS, COLUMN_RUN, COLUMN_META, COLUMN_SUPERSEDES
};

static int labels_count(const void *source) {
    return ((const curate_pending_labels *)source)->count;
}

static void result_text(sqlite3_context *context, curate_bytes value) {
    if (value.bytes == NULL) sqlite3_result_null(context);
    else sqlite3_result_text(context, (const char *)value.bytes, value.count, SQLITE_STATIC);
}

static void labels_column(const void *source, int row, int column, sqlite3_context *context) {
    const curate_pending_label *label = &((const curate_pending_labels *)source)->rows[row];
    switch (column) {
    case COLUMN_ID: result_text(context, label->id); break;
    case COLUMN_ID_KEY: sqlite3_result_int64(context, label->id_key); break;
    case COLUMN_CONTENT_SHA256:
        sqlite3_result_blob(context, label->content_sha256.bytes, label->content_sha256.count, SQLITE_STATIC);
        break;
    case COLUMN_TUPLE_ID: sqlite3_result_int64(context, label->tuple_id); break;
    case COLUMN_TASK: result_text(context, label->task); break;
    case COLUMN_INPUT_ID: result_text(context, label->input_id); break;
    case COLUMN_CREATED_AT: sqlite3_result_int64(context, label->created_at); break;
    case COLUMN_OUTPUT: result_text(context, label->output); break;
    case COLUMN_INPUT: result_text(context, label->input); break;
    case COLUMN_PARAMS: result_text(context, label->params); break;
    case COLUMN_RUN: result_text(context, label->run); break;
    case COLUMN_META: result_text(context, label->meta); break;
    case COLUMN_SUPERSEDES: result_text(context, label->supersedes); break;
    default: sqlite3_result_null(context); break;
    }
}

static const pending_kind labels_kind = {
    .declaration = "CREATE TABLE x(id TEXT, id_key INTEGER, content_sha256 BLOB, tuple_id INTEGER, task TEXT, input_id TEXT,"
                   " created_at INTEGER, output TEXT, input TEXT, params TEXT, run TEXT, meta TEXT, supersedes TEXT)",
    .count = labels_count,
    .column = labels_column,
};

curate_pending_labels *curate_register_pending_labels(sqlite3 *db) {
    curate_pending_labels *source = calloc(1, sizeof(curate_pending_labels));
    if (source == NULL) return NULL;
    if (curate_register_pending_table(db, "curate_pending_labels", &labels_kind, source) != SQLITE_OK) return NULL;
    return source;
}
