#include "chttpdiag.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hd_parse_url(const char *url, hd_url_parts *out, const char **message) {
    memset(out, 0, sizeof(*out));
    *message = "";
    CURLU *u = curl_url();
    if (!u) { *message = "out of memory"; return CURLUE_OUT_OF_MEMORY; }
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) { *message = curl_url_strerror(rc); curl_url_cleanup(u); return rc; }
    char *part = NULL;
    if (curl_url_get(u, CURLUPART_SCHEME, &part, 0) == CURLUE_OK) {
        snprintf(out->scheme, sizeof(out->scheme), "%s", part); curl_free(part);
    }
    rc = curl_url_get(u, CURLUPART_HOST, &part, 0);
    if (rc != CURLUE_OK) { *message = curl_url_strerror(rc); curl_url_cleanup(u); return rc; }
    snprintf(out->host, sizeof(out->host), "%s", part); curl_free(part);
    if (curl_url_get(u, CURLUPART_PORT, &part, 0) == CURLUE_OK) {
        out->port = strtol(part, NULL, 10); out->has_explicit_port = 1; curl_free(part);
    } else if (curl_url_get(u, CURLUPART_PORT, &part, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        out->port = strtol(part, NULL, 10); curl_free(part);
    }
    curl_url_cleanup(u);
    return 0;
}
