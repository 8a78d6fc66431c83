#include "chttpdiag.h"

CURLcode hd_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }
const char *hd_curl_version(void) { return curl_version(); }
CURLcode hd_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
CURLcode hd_setopt_mime(CURL *h, curl_mime *mime) { return curl_easy_setopt(h, CURLOPT_MIMEPOST, mime); }
CURLcode hd_setopt_datacb(CURL *h, CURLoption o, hd_data_callback cb) { return curl_easy_setopt(h, o, cb); }
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

/* ---- the multi handle of the event loop ---- */
CURLM *hd_multi_init(void) { return curl_multi_init(); }
CURLMcode hd_multi_add(CURLM *m, CURL *h) { return curl_multi_add_handle(m, h); }
CURLMcode hd_multi_remove(CURLM *m, CURL *h) { return curl_multi_remove_handle(m, h); }
CURLMcode hd_multi_perform(CURLM *m, int *running) { return curl_multi_perform(m, running); }
CURLMcode hd_multi_poll(CURLM *m, int timeout_ms, int *numfds) { return curl_multi_poll(m, NULL, 0, timeout_ms, numfds); }
CURLMcode hd_multi_poll_fds(CURLM *m, struct curl_waitfd *fds, unsigned int count, int timeout_ms, int *numfds) {
    return curl_multi_poll(m, fds, count, timeout_ms, numfds);
}
CURLMcode hd_multi_wakeup(CURLM *m) { return curl_multi_wakeup(m); }
int hd_multi_next_done(CURLM *m, CURL **easy, CURLcode *result) {
    int left = 0;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(m, &left)) != NULL) {
        if (msg->msg == CURLMSG_DONE) {
            *easy = msg->easy_handle;
            *result = msg->data.result;
            return 1;
        }
    }
    return 0;
}

CURLSH *hd_share_dns(void) {
    CURLSH *s = curl_share_init();
    if (s && curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK) {
        curl_share_cleanup(s);
        return NULL;
    }
    return s;
}
void hd_share_free(CURLSH *s) { curl_share_cleanup(s); }
CURLcode hd_setopt_share(CURL *h, CURLSH *s) { return curl_easy_setopt(h, CURLOPT_SHARE, s); }
