#include "chttpdiag.h"
#include <openssl/err.h>
#include <stdio.h>
#include <openssl/ssl.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>

static int observer_index = -1;
static pthread_once_t observer_once = PTHREAD_ONCE_INIT;
static void make_index(void) { observer_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL); }

void hd_tls_observation_reset(hd_tls_observation *obs) {
    memset(obs, 0, sizeof(*obs));
    obs->alert_received = -1;
    obs->alert_sent = -1;
    obs->first_record_byte = -1;
}

static void on_message(int write_p, int version, int content_type, const void *buf, size_t len,
                       SSL *ssl, void *arg) {
    (void)version; (void)ssl;
    hd_tls_observation *obs = arg;
    const unsigned char *p = buf;
    if (obs == NULL || len == 0) return;
    if (write_p) {
        obs->sent_any = 1;
        if (obs->first_write_ns == 0) {
            obs->first_write_ns = hd_monotonic_ns();
            /* One socket, so it is this connection's (libcurl's BIO hides the fd from SSL_get_fd). */
            if (obs->socket != NULL && obs->socket->sockets_opened == 1 && obs->socket->last_fd >= 0) {
                struct tcp_info ti;
                socklen_t len = sizeof(ti);
                memset(&ti, 0, sizeof(ti));
                if (getsockopt(obs->socket->last_fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0
                    && ti.tcpi_total_retrans == 0 && ti.tcpi_rtt > 0)
                    obs->tcp_connect_rtt_us = (int)ti.tcpi_rtt;
            }
        }
    }
    if (content_type == SSL3_RT_HEADER) {
        if (!write_p && obs->first_record_byte < 0) obs->first_record_byte = p[0];
        return;
    }
    if (content_type == SSL3_RT_ALERT && len >= 2) {
        if (write_p) {
            if (obs->alert_sent < 0) {
                obs->alert_sent = p[1];
                /* OpenSSL raises its error (ERR_raise) before it sends the fatal alert, and
                 * libcurl empties the queue later: read why our side gave up now. */
                unsigned long e = ERR_peek_last_error();
                if (e != 0 && ERR_GET_LIB(e) == ERR_LIB_SSL && p[0] == 2) {
                    obs->alert_sent_reason = ERR_GET_REASON(e);
                    const char *text = ERR_reason_error_string(e);
                    snprintf(obs->alert_sent_reason_text, sizeof(obs->alert_sent_reason_text), "%s", text ? text : "");
                }
            }
        }
        else if (obs->alert_received < 0) {
            obs->alert_received = p[1]; obs->alert_received_level = p[0];
            obs->alert_received_ns = hd_monotonic_ns();
        }
        return;
    }
    if (content_type == SSL3_RT_HANDSHAKE) {
        if (!write_p && p[0] == SSL3_MT_SERVER_HELLO) obs->saw_server_hello = 1;
        if (!write_p && p[0] == SSL3_MT_CERTIFICATE_REQUEST) obs->saw_certificate_request = 1;
        if (write_p && p[0] == SSL3_MT_CERTIFICATE) obs->sent_certificate = 1;
    }
}

static void on_info(const SSL *ssl, int where, int ret) {
    (void)ret;
    if (!(where & SSL_CB_HANDSHAKE_DONE)) return;
    hd_tls_observation *obs = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), observer_index);
    if (obs == NULL) return;
    obs->handshake_done = 1;
    if (obs->handshake_done_ns == 0) obs->handshake_done_ns = hd_monotonic_ns();
    snprintf(obs->version, sizeof(obs->version), "%s", SSL_get_version(ssl));
    const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
    snprintf(obs->cipher, sizeof(obs->cipher), "%s", c ? SSL_CIPHER_get_name(c) : "");
    const unsigned char *alpn = NULL; unsigned int alpn_len = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    if (alpn_len >= sizeof(obs->alpn)) alpn_len = sizeof(obs->alpn) - 1;
    if (alpn) memcpy(obs->alpn, alpn, alpn_len);
    obs->alpn[alpn_len] = 0;
}

static CURLcode on_ssl_ctx(CURL *h, void *sslctx, void *userptr) {
    (void)h;
    SSL_CTX *ctx = sslctx;
    hd_tls_observation *obs = userptr;
    if (obs != NULL) obs->max_cert_list = (long)SSL_CTX_get_max_cert_list(ctx);
    SSL_CTX_set_ex_data(ctx, observer_index, userptr);
    SSL_CTX_set_msg_callback(ctx, on_message);
    SSL_CTX_set_msg_callback_arg(ctx, userptr);
    SSL_CTX_set_info_callback(ctx, on_info);
    return CURLE_OK;
}

CURLcode hd_install_tls_observer(CURL *h, hd_tls_observation *obs) {
    pthread_once(&observer_once, make_index);
    CURLcode rc = curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, obs);
}

const char *hd_x509_verify_reason(long code) { return X509_verify_cert_error_string(code); }
int hd_ssl_reason_excessive_message_size(void) { return SSL_R_EXCESSIVE_MESSAGE_SIZE; }
