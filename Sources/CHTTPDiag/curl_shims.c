#include "chttpdiag.h"

CURLcode hd_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }
const char *hd_curl_version(void) { return curl_version(); }
CURLcode hd_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_mime(CURL *h, curl_mime *mime) { return curl_easy_setopt(h, CURLOPT_MIMEPOST, mime); }
CURLcode hd_setopt_datacb(CURL *h, CURLoption o, hd_data_callback cb) { return curl_easy_setopt(h, o, cb); }
CURLcode hd_setopt_xferinfo(CURL *h, hd_xferinfo_callback cb, void *userdata) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
    if (rc != CURLE_OK) return rc;
    rc = curl_easy_setopt(h, CURLOPT_XFERINFODATA, userdata);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}
CURLcode hd_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
CURLcode hd_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) { return curl_easy_getinfo(h, i, out); }
CURLcode hd_getinfo_str(CURL *h, CURLINFO i, const char **out) { return curl_easy_getinfo(h, i, out); }
CURLcode hd_getinfo_certinfo(CURL *h, struct curl_certinfo **out) {
    return curl_easy_getinfo(h, CURLINFO_CERTINFO, out);
}
CURLcode hd_setopt_debugcb(CURL *h, hd_debug_callback cb, void *userdata) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, cb);
    if (rc != CURLE_OK) return rc;
    rc = curl_easy_setopt(h, CURLOPT_DEBUGDATA, userdata);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
}
