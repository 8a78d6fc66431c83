#include "chttpdiag.h"
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_ascii(const char *s) {
    for (; *s; s++) if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

/* What libcurl's idn_decode does (lib/idn.c, libidn2 >= 0.14): UTS #46 non-transitional
 * processing of the NFC form, and transitional when that disallows the name. libcurl
 * reads the name in the locale's encoding (idn2_lookup_ul), which in a process left in
 * the C locale fails on any non-ASCII byte; httpdiag's names are UTF-8, so it converts
 * them itself (idn2_lookup_u8) and hands libcurl the A-label form. */
int hd_idn_to_ascii(const char *host, char *out, size_t out_len) {
    if (is_ascii(host)) {
        if (strlen(host) >= out_len) return -1;
        snprintf(out, out_len, "%s", host);
        return 0;
    }
    uint8_t *ace = NULL;
    int rc = idn2_lookup_u8((const uint8_t *)host, &ace, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc == IDN2_DISALLOWED) {
        if (ace) idn2_free(ace);
        ace = NULL;
        rc = idn2_lookup_u8((const uint8_t *)host, &ace, IDN2_TRANSITIONAL);
    }
    if (rc != IDN2_OK || ace == NULL) { if (ace) idn2_free(ace); return 1; }
    int fits = strlen((const char *)ace) < out_len;
    if (fits) snprintf(out, out_len, "%s", (const char *)ace);
    idn2_free(ace);
    return fits ? 0 : -1;
}

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
    /* The A-label, as libcurl converts the name before it resolves and sends it. */
    int idn = hd_idn_to_ascii(part, out->host, sizeof(out->host));
    curl_free(part);
    if (idn != 0) {
        *message = idn == 1 ? "the host name is not a valid internationalized domain name (IDNA)" : "the host name is too long";
        curl_url_cleanup(u);
        return CURLUE_BAD_HOSTNAME;
    }
    if (curl_url_get(u, CURLUPART_PORT, &part, 0) == CURLUE_OK) {
        out->port = strtol(part, NULL, 10); out->has_explicit_port = 1; curl_free(part);
    } else if (curl_url_get(u, CURLUPART_PORT, &part, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        out->port = strtol(part, NULL, 10); curl_free(part);
    }
    curl_url_cleanup(u);
    return 0;
}

int hd_url_with_ascii_host(const char *url, char *out, size_t out_len) {
    CURLU *u = curl_url();
    if (!u) return -1;
    char *host = NULL, *full = NULL;
    int result = 1;
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK
        && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && !is_ascii(host)) {
        char ace[256];
        if (hd_idn_to_ascii(host, ace, sizeof(ace)) == 0 && curl_url_set(u, CURLUPART_HOST, ace, 0) == CURLUE_OK
            && curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK) {
            result = strlen(full) < out_len ? 0 : -1;
            if (result == 0) snprintf(out, out_len, "%s", full);
        }
    }
    if (host) curl_free(host);
    if (full) curl_free(full);
    curl_url_cleanup(u);
    return result;
}
