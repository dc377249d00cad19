// zlib (the system library): gzip-compressed NAACCR XML files are read and written with its inflate and deflate
// streams. Debian: zlib1g-dev.
#include <zlib.h>
