#include "chttpdiag.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* gzip of `inflated` zero bytes, for the lab's gzip-bomb endpoint. Caller frees *out. */
int hd_gzip_zeros(size_t inflated, unsigned char **out, size_t *out_len) {
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    size_t cap = inflated / 500 + 4096, len = 0;
    unsigned char *buf = malloc(cap);
    static unsigned char zeros[65536];
    size_t left = inflated;
    int flush;
    do {
        size_t chunk = left < sizeof(zeros) ? left : sizeof(zeros);
        left -= chunk;
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        zs.next_in = zeros; zs.avail_in = (uInt)chunk;
        do {
            if (cap - len < 4096) { cap *= 2; buf = realloc(buf, cap); }
            zs.next_out = buf + len; zs.avail_out = (uInt)(cap - len);
            deflate(&zs, flush);
            len = cap - zs.avail_out;
        } while (zs.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&zs);
    *out = buf; *out_len = len;
    return 0;
}
