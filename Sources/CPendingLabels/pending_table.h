#ifndef CURATE_PENDING_TABLE_H
#define CURATE_PENDING_TABLE_H

#include <sqlite3.h>

/// What one kind of pending table shows: its columns, how many rows its source holds, and
/// how to give SQLite a row's column.
typedef struct {
    const char *declaration;
    int (*count)(const void *source);
    void (*column)(const void *source, int row, int column, sqlite3_context *context);
} pending_kind;

/// Registers an eponymous, read-only table `name` on `db` over `source`, as `kind` reads it.
/// `source` is freed with `free` when `db` closes, or now when SQLite refuses.
int curate_register_pending_table(sqlite3 *db, const char *name, const pending_kind *kind, void *source);

#endif
