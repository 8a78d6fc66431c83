#include <curl/curl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

#include "library_versions.h"

const char *hd_openssl_version(void) { return OpenSSL_version(OPENSSL_VERSION); }

const char *hd_curl_version_line(void) {
    static char line[512];
    if (line[0]) return line;
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    size_t n = (size_t)snprintf(line, sizeof line, "libcurl/%s", v->version);
    const char *parts[][2] = {
        {"", v->ssl_version},
        {"zlib/", v->libz_version},
        {"brotli/", v->age >= CURLVERSION_FIFTH ? v->brotli_version : NULL},
        {"zstd/", v->age >= CURLVERSION_TENTH ? v->zstd_version : NULL},
        {"libidn2/", v->age >= CURLVERSION_SECOND ? v->libidn : NULL},
        {"", v->age >= CURLVERSION_THIRD ? v->libssh_version : NULL},
        {"nghttp2/", v->age >= CURLVERSION_FIFTH ? v->nghttp2_version : NULL},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && n < sizeof line; i++) {
        if (parts[i][1] && parts[i][1][0]) n += (size_t)snprintf(line + n, sizeof line - n, " %s%s", parts[i][0], parts[i][1]);
    }
    return line;
}
