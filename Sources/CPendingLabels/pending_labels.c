#include "pending_labels.h"

#include <stdlib.h>
#include <string.h>

/// Column numbers, in the order of the table's declaration below.
enum {
    COLUMN_ID, COLUMN_ID_KEY, COLUMN_CONTENT_SHA256, COLUMN_TUPLE_ID, COLUMN_TASK, COLUMN_INPUT_ID,
    COLUMN_CREATED_AT, COLUMN_OUTPUT, COLUMN_INPUT, COLUMN_PARAMS, COLUMN_RUN, COLUMN_META, COLUMN_SUPERSEDES
};

typedef struct {
    sqlite3_vtab base;
    const curate_pending_labels *source;
} pending_table;

typedef struct {
    sqlite3_vtab_cursor base;
    const curate_pending_labels *source;
    int row;
} pending_cursor;

static int pending_connect(sqlite3 *db, void *source, int argc, const char *const *argv,
                           sqlite3_vtab **table, char **error) {
    (void)argc; (void)argv; (void)error;
    int status = sqlite3_declare_vtab(db,
        "CREATE TABLE x(id TEXT, id_key INTEGER, content_sha256 BLOB, tuple_id INTEGER, task TEXT, input_id TEXT,"
        " created_at INTEGER, output TEXT, input TEXT, params TEXT, run TEXT, meta TEXT, supersedes TEXT)");
    if (status != SQLITE_OK) return status;
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);  // not from triggers or views
    pending_table *made = sqlite3_malloc(sizeof(pending_table));
    if (made == NULL) return SQLITE_NOMEM;
    memset(made, 0, sizeof(*made));
    made->source = source;
    *table = &made->base;
    return SQLITE_OK;
}

static int pending_disconnect(sqlite3_vtab *table) {
    sqlite3_free(table);
    return SQLITE_OK;
}

static int pending_best_index(sqlite3_vtab *table, sqlite3_index_info *info) {
    (void)table;
    info->estimatedCost = 1000;
    info->estimatedRows = 1000;
    return SQLITE_OK;
}

static int pending_open(sqlite3_vtab *table, sqlite3_vtab_cursor **cursor) {
    pending_cursor *made = sqlite3_malloc(sizeof(pending_cursor));
    if (made == NULL) return SQLITE_NOMEM;
    memset(made, 0, sizeof(*made));
    made->source = ((pending_table *)table)->source;
    *cursor = &made->base;
    return SQLITE_OK;
}

static int pending_close(sqlite3_vtab_cursor *cursor) {
    sqlite3_free(cursor);
    return SQLITE_OK;
}

static int pending_filter(sqlite3_vtab_cursor *cursor, int plan, const char *planName, int argc, sqlite3_value **argv) {
    (void)plan; (void)planName; (void)argc; (void)argv;
    ((pending_cursor *)cursor)->row = 0;
    return SQLITE_OK;
}

static int pending_next(sqlite3_vtab_cursor *cursor) {
    ((pending_cursor *)cursor)->row += 1;
    return SQLITE_OK;
}

static int pending_eof(sqlite3_vtab_cursor *cursor) {
    const pending_cursor *current = (const pending_cursor *)cursor;
    return current->row >= current->source->count;
}

static void result_text(sqlite3_context *context, curate_bytes value) {
    if (value.bytes == NULL) sqlite3_result_null(context);
    else sqlite3_result_text(context, (const char *)value.bytes, value.count, SQLITE_STATIC);
}

static int pending_column(sqlite3_vtab_cursor *cursor, sqlite3_context *context, int column) {
    const pending_cursor *current = (const pending_cursor *)cursor;
    const curate_pending_label *label = &current->source->rows[current->row];
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
    return SQLITE_OK;
}

static int pending_rowid(sqlite3_vtab_cursor *cursor, sqlite3_int64 *rowid) {
    *rowid = ((const pending_cursor *)cursor)->row;
    return SQLITE_OK;
}

/// An eponymous, read-only module: no xCreate, so the table exists on every connection
/// it is registered on without CREATE VIRTUAL TABLE, and nothing of it is stored.
static const sqlite3_module pending_module = {
    .iVersion = 0,
    .xCreate = NULL,
    .xConnect = pending_connect,
    .xBestIndex = pending_best_index,
    .xDisconnect = pending_disconnect,
    .xDestroy = pending_disconnect,
    .xOpen = pending_open,
    .xClose = pending_close,
    .xFilter = pending_filter,
    .xNext = pending_next,
    .xEof = pending_eof,
    .xColumn = pending_column,
    .xRowid = pending_rowid,
};

curate_pending_labels *curate_register_pending_labels(sqlite3 *db) {
    curate_pending_labels *source = calloc(1, sizeof(curate_pending_labels));
    if (source == NULL) return NULL;
    // On failure SQLite calls the destructor (free) itself.
    if (sqlite3_create_module_v2(db, "curate_pending_labels", &pending_module, source, free) != SQLITE_OK) return NULL;
    return source;
}
