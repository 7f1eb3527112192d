#include "pending_table.h"

#include <stdlib.h>
#include <string.h>

/// What a registration hands the module: the kind of rows and where they are.
typedef struct {
    const pending_kind *kind;
    void *source;
} pending_registration;

typedef struct {
    sqlite3_vtab base;
    const pending_registration *registration;
} pending_vtab;

typedef struct {
    sqlite3_vtab_cursor base;
    const pending_registration *registration;
    int row;
} pending_cursor;

static int pending_connect(sqlite3 *db, void *registration, int argc, const char *const *argv,
                           sqlite3_vtab **table, char **error) {
    (void)argc; (void)argv; (void)error;
    const pending_registration *given = registration;
    int status = sqlite3_declare_vtab(db, given->kind->declaration);
    if (status != SQLITE_OK) return status;
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);  // not from triggers or views
    pending_vtab *made = sqlite3_malloc(sizeof(pending_vtab));
    if (made == NULL) return SQLITE_NOMEM;
    memset(made, 0, sizeof(*made));
    made->registration = given;
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
    made->registration = ((pending_vtab *)table)->registration;
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
    return current->row >= current->registration->kind->count(current->registration->source);
}

static int pending_column(sqlite3_vtab_cursor *cursor, sqlite3_context *context, int column) {
    const pending_cursor *current = (const pending_cursor *)cursor;
    current->registration->kind->column(current->registration->source, current->row, column, context);
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

/// Frees a registration and the source it owns.
static void pending_release(void *registration) {
    pending_registration *given = registration;
    free(given->source);
    free(given);
}

int curate_register_pending_table(sqlite3 *db, const char *name, const pending_kind *kind, void *source) {
    pending_registration *registration = malloc(sizeof(pending_registration));
    if (registration == NULL) {
        free(source);
        return SQLITE_NOMEM;
    }
    registration->kind = kind;
    registration->source = source;
    // On failure SQLite calls the destructor itself.
    return sqlite3_create_module_v2(db, name, &pending_module, registration, pending_release);
}
