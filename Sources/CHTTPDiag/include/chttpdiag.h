#ifndef CHTTPDIAG_H
#define CHTTPDIAG_H
/*
 * Typed, non-variadic wrappers around libcurl, plus the two things libcurl does not
 * expose: a TLS observer (alerts, handshake messages, negotiated parameters, read from
 * OpenSSL callbacks) and direct DNS queries through glibc's libresolv (the response code
 * of the reply, which libcurl's threaded resolver flattens into one error).
 * Every C call the Swift code makes goes through this header.
 */
#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>
#include <spawn.h>
#include "library_versions.h"

/* ---- libcurl ---- */
CURLcode hd_global_init(void);
const char *hd_curl_version(void);
CURLcode hd_setopt_long(CURL *h, CURLoption o, long v);
CURLcode hd_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode hd_setopt_ptr(CURL *h, CURLoption o, void *v);
CURLcode hd_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode hd_setopt_mime(CURL *h, curl_mime *mime);
typedef size_t (*hd_data_callback)(char *data, size_t size, size_t nmemb, void *userdata);
CURLcode hd_setopt_datacb(CURL *h, CURLoption o, hd_data_callback cb);
typedef int (*hd_debug_callback)(CURL *h, curl_infotype type, char *data, size_t size, void *userdata);
/* Turns on CURLOPT_VERBOSE with a debug callback: the only way to see the request exactly as sent. */
CURLcode hd_setopt_debugcb(CURL *h, hd_debug_callback cb, void *userdata);
CURLcode hd_getinfo_long(CURL *h, CURLINFO i, long *out);
CURLcode hd_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out);
CURLcode hd_getinfo_str(CURL *h, CURLINFO i, const char **out);
CURLcode hd_getinfo_certinfo(CURL *h, struct curl_certinfo **out);

/* ---- the multi handle (one event loop thread drives every transfer) ---- */
CURLM *hd_multi_init(void);
CURLMcode hd_multi_add(CURLM *m, CURL *h);
CURLMcode hd_multi_remove(CURLM *m, CURL *h);
CURLMcode hd_multi_perform(CURLM *m, int *running);
/* curl_multi_poll without extra file descriptors. */
CURLMcode hd_multi_poll(CURLM *m, int timeout_ms, int *numfds);
/* curl_multi_poll that also waits for the loop's own sockets (DNS queries): fds[i].revents
 * says which are ready. */
CURLMcode hd_multi_poll_fds(CURLM *m, struct curl_waitfd *fds, unsigned int count, int timeout_ms, int *numfds);
CURLMcode hd_multi_wakeup(CURLM *m);
/* The next finished transfer from curl_multi_info_read: 1 (easy and result set) or 0 (none). */
int hd_multi_next_done(CURLM *m, CURL **easy, CURLcode *result);
/* A share handle that holds a DNS cache (CURLOPT_RESOLVE pins included) for one transfer only. */
CURLSH *hd_share_dns(void);
void hd_share_free(CURLSH *s);
CURLcode hd_setopt_share(CURL *h, CURLSH *s);

/* ---- TLS observer ---- */
typedef struct {
    int handshake_done;          /* SSL_CB_HANDSHAKE_DONE seen */
    int alert_received;          /* -1 or the TLS alert description the server sent */
    int alert_received_level;    /* 1 warning, 2 fatal */
    int alert_sent;              /* -1 or the alert description we sent */
    int saw_server_hello;
    int saw_certificate_request; /* the server asked for a client certificate */
    int sent_certificate;        /* we sent a Certificate message (maybe empty) */
    int first_record_byte;       /* -1, or the first byte of the first record read */
    int sent_any;                /* we wrote a TLS record: the TCP connection existed */
    /* CLOCK_MONOTONIC nanoseconds (0 = not seen): phase times of a failed handshake,
     * which libcurl reports as 0. */
    int64_t first_write_ns;      /* our first TLS record (the ClientHello): TCP was connected */
    int64_t alert_received_ns;
    int64_t handshake_done_ns;
    /* TCP_INFO's smoothed RTT at our first TLS write, when the SYN was not retransmitted:
     * the SYN/SYN-ACK round trip, i.e. how long the TCP connect took (0 = unknown). Needed
     * because libcurl sets up the TLS library (CA file, SSL_CTX) between connect and the
     * ClientHello, so the first write is late by that. */
    int tcp_connect_rtt_us;
    struct hd_socket_observation *socket;  /* set by the caller: where the socket's fd is */
    char version[32];
    char cipher[96];
    char alpn[32];
    /* When our side sent a fatal alert: OpenSSL's reason code for giving up (ERR_GET_REASON
     * of the error it raised just before sending it; 0 = unknown), and its text. */
    int alert_sent_reason;
    char alert_sent_reason_text[96];
    /* The client's limit on the server's certificate list (SSL_CTX_get_max_cert_list). */
    long max_cert_list;
} hd_tls_observation;

void hd_tls_observation_reset(hd_tls_observation *obs);
/* Installs CURLOPT_SSL_CTX_FUNCTION so that every SSL_CTX of this handle reports into obs. */
CURLcode hd_install_tls_observer(CURL *h, hd_tls_observation *obs);

/* OpenSSL's text for an X509 verify result (CURLINFO_SSL_VERIFYRESULT). */
const char *hd_x509_verify_reason(long code);
/* OpenSSL's reason code for "a handshake message (the certificate list) is larger than the limit". */
int hd_ssl_reason_excessive_message_size(void);

/* ---- errno in words ---- */
/* The errno's symbolic name ("EADDRNOTAVAIL"), or NULL when glibc has none. */
const char *hd_errno_name(int err);
/* strerror's text ("Cannot assign requested address"). */
const char *hd_errno_text(int err);

/* ---- socket observer (CURLOPT_OPENSOCKETFUNCTION): when connecting began, on which socket ---- */
typedef struct hd_socket_observation {
    int64_t first_open_ns;       /* CLOCK_MONOTONIC ns of the first socket opened (0 = none) */
    int64_t last_open_ns;
    int sockets_opened;          /* more than one: libcurl tried several addresses */
    int last_fd;                 /* of the last socket opened; -1 before any */
} hd_socket_observation;

void hd_socket_observation_reset(hd_socket_observation *obs);

CURLcode hd_install_socket_observer(CURL *h, hd_socket_observation *obs);
/* CLOCK_MONOTONIC in nanoseconds, the clock of every *_ns field. */
int64_t hd_monotonic_ns(void);
/* fwrite to C's stdout (Swift 6 cannot name the `stdout` global): the FILE Swift's print uses. */
size_t hd_stdout_write(const void *bytes, size_t count);
/* posix_spawn_file_actions_addclosefrom_np (glibc >= 2.34), which Swift's Glibc module does not import. */
int hd_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

/* ---- one raw TCP exchange (follow-up probes): connect, optionally send, read the first bytes ---- */
typedef struct {
    int connected;               /* 1 when the connection was accepted */
    int connect_errno;           /* errno of a failed connect (ETIMEDOUT when the time ran out) */
    int64_t connect_ns;          /* duration of the connect */
    int received;                /* bytes read (at most sizeof(first_bytes)) */
    int64_t first_byte_ns;       /* from connect done to the first byte (0 = none) */
    int closed;                  /* the peer closed (EOF) before any byte */
    int reset;                   /* the peer reset the connection */
    unsigned char first_bytes[64];
} hd_tcp_result;

/*
 * Connects to ip:port (IPv4 or IPv6 text) within connect_timeout_ms; if connected, writes
 * `payload_len` bytes of `payload` (may be 0) and waits up to read_timeout_ms for the first bytes.
 * Returns 0, or -1 when the address is not an IP address or no socket could be made.
 */
int hd_tcp_exchange(const char *ip, int port, int connect_timeout_ms, const unsigned char *payload, size_t payload_len,
                    int read_timeout_ms, hd_tcp_result *out);

/* ---- one HTTP/2 request of our own (follow-ups): what the server does with stream 1 ---- */
typedef struct {
    int connected, connect_errno, tls_done, alpn_h2, request_sent;
    int frames;                  /* frames read */
    int headers;                 /* HEADERS on stream 1 */
    int status;                  /* its :status when HPACK's static table holds it, else -1 */
    int rst_stream, rst_code;    /* RST_STREAM on stream 1 and its error code */
    int goaway, goaway_code, goaway_last_stream;
    int closed, timed_out;
} hd_h2_result;

/*
 * Connects to ip:port, TLS with ALPN h2 (no verification; `sni` may be NULL), sends one GET
 * for `path` with :authority `authority`, user-agent and accept (nothing else), and
 * reads until the server answers stream 1, resets it, sends GOAWAY or closes, all within
 * timeout_ms. 0, or -1 on a local failure.
 */
int hd_h2_probe(const char *ip, int port, const char *sni, const char *authority, const char *path,
                const char *user_agent, int timeout_ms, hd_h2_result *out);

/* ---- URL parsing with libcurl's own parser (what libcurl will do with it) ---- */
typedef struct {
    char scheme[16];
    char host[256];
    long port;
    int has_explicit_port;
} hd_url_parts;
/* 0 on success, else the CURLUcode; message receives curl_url_strerror's text. The host
 * is the IDNA A-label form libcurl connects to and sends (xn--...), as libcurl converts it. */
int hd_parse_url(const char *url, hd_url_parts *out, const char **message);
/*
 * A host name in the IDNA ASCII form libcurl uses on the wire (A-labels, through libidn2
 * as libcurl converts it: UTS #46 non-transitional, then transitional), from UTF-8 in any
 * locale. ASCII names are returned as they are. 0 on success, 1 when the name is not a
 * valid IDN, -1 when out is too small.
 */
int hd_idn_to_ascii(const char *host, char *out, size_t out_len);
/* The URL with its host in that form: 0 (rewritten into out), 1 (nothing to rewrite, or not
 * a URL libcurl parses: use it as it is), -1 (out too small). */
int hd_url_with_ascii_host(const char *url, char *out, size_t out_len);

/* ---- DNS through libresolv ---- */
typedef struct {
    int type;            /* ns_t_a, ns_t_aaaa, ns_t_cname, ... */
    unsigned int ttl;
    char name[256];
    char data[256];      /* address text or target name */
} hd_dns_record;

enum {
    HD_DNS_OK = 0,        /* a reply arrived: *rcode is valid */
    HD_DNS_TIMEOUT = -1,  /* no nameserver answered in time */
    HD_DNS_ERROR = -2,    /* could not send (bad name, no servers, socket error: see *err) */
    HD_DNS_AGAIN = -3,    /* hd_dns_receive: no reply to this query yet, wait again */
};

/*
 * Sends one query (class IN) and parses the answer section.
 * server: NULL to use /etc/resolv.conf, else an IPv4 or IPv6 address text.
 * One UDP try of timeout_ms; the first nameserver of resolv.conf when server is NULL.
 */
int hd_dns_query(const char *name, int qtype, const char *server, int port, int timeout_ms,
                 int *rcode, int *authoritative, hd_dns_record *records, int max_records,
                 int *record_count, int *err);

/*
 * The same query in two steps, for an event loop. hd_dns_start sends it on a non-blocking
 * UDP socket (*fd_out; query_id gets the 2-byte ID); once the socket is readable,
 * hd_dns_receive reads a reply: HD_DNS_OK (parsed as above), HD_DNS_AGAIN (nothing yet, or
 * a reply to another query), HD_DNS_ERROR (*err: ECONNREFUSED when nothing listens). The
 * caller closes the socket with hd_dns_close.
 */
int hd_dns_start(const char *name, int qtype, const char *server, int port, int *fd_out,
                 unsigned char *query_id, int *err);
int hd_dns_receive(int fd, const unsigned char *query_id, int *rcode, int *authoritative,
                   hd_dns_record *records, int max_records, int *record_count, int *err);
void hd_dns_close(int fd);

/* ---- lab helpers ---- */
int hd_gzip_zeros(size_t inflated, unsigned char **out, size_t *out_len);

#endif
