#include <sqlite3.h>

/// `sqlite3_config` is variadic, which Swift cannot call: one fixed wrapper per setting used.
/// Memory statistics off: SQLite then takes no global mutex around each allocation it makes.
static inline int curate_sqlite3_config_memstatus(int enabled) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, enabled);
}
