// SQLite (the system library): the registry's embedded database, called directly — one prepared-statement cache per
// connection, no thread hop per statement. Debian: libsqlite3-dev.
#include <sqlite3.h>
