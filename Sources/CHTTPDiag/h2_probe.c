#include "chttpdiag.h"
#include "socket_address.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/*
 * A minimal HTTP/2 client for one follow-up question: libcurl (7.88) turns a server's
 * RST_STREAM or GOAWAY into "empty reply" (or a generic error) and keeps the HTTP/2 error
 * code to itself. This sends one GET on stream 1 (the caller chooses the headers: never
 * credentials) and reports the first thing the server does about it: HEADERS (with
 * :status when HPACK's static table holds it), RST_STREAM or GOAWAY with their error
 * codes, or a close. Verification is off: frames are read, nothing is trusted or sent on.
 */

static int connect_with_timeout(const char *ip, int port, int timeout_ms, int *err) {
    struct sockaddr_storage ss;
    socklen_t sslen;
    if (hd_socket_address(ip, port, &ss, &sslen) != 0) { *err = EINVAL; return -1; }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) { *err = errno; return -1; }
    int rc = connect(fd, (struct sockaddr *)&ss, sslen);
    if (rc < 0 && errno != EINPROGRESS) { *err = errno; close(fd); return -1; }
    if (rc < 0) {
        struct pollfd pfd = { .fd = fd, .events = POLLOUT };
        int r;
        do { r = poll(&pfd, 1, timeout_ms); } while (r < 0 && errno == EINTR);
        if (r <= 0) { *err = r == 0 ? ETIMEDOUT : errno; close(fd); return -1; }
        int soerr = 0; socklen_t len = sizeof(soerr);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
        if (soerr != 0) { *err = soerr; close(fd); return -1; }
    }
    /* Blocking from here on, each read and write bounded by the socket timeouts. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

static void set_timeouts(int fd, int ms) {
    if (ms < 1) ms = 1;
    struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
static size_t hpack_int(unsigned char *out, unsigned first, int prefix_bits, size_t value) {
    size_t max = (1u << prefix_bits) - 1, n = 0;
    if (value < max) { out[n++] = (unsigned char)(first | value); return n; }
    out[n++] = (unsigned char)(first | max);
    value -= max;
    while (value >= 128) { out[n++] = (unsigned char)((value % 128) + 128); value /= 128; }
    out[n++] = (unsigned char)value;
    return n;
}

/* "Literal header field without indexing, new name" with raw (not Huffman) strings. */
static size_t hpack_literal(unsigned char *out, size_t room, const char *name, const char *value) {
    size_t nl = strlen(name), vl = strlen(value);
    if (nl + vl + 16 > room) return 0;
    size_t n = 0;
    out[n++] = 0x00;
    n += hpack_int(out + n, 0x00, 7, nl); memcpy(out + n, name, nl); n += nl;
    n += hpack_int(out + n, 0x00, 7, vl); memcpy(out + n, value, vl); n += vl;
    return n;
}

static void frame_header(unsigned char *p, size_t len, int type, int flags, uint32_t stream) {
    p[0] = (unsigned char)(len >> 16); p[1] = (unsigned char)(len >> 8); p[2] = (unsigned char)len;
    p[3] = (unsigned char)type; p[4] = (unsigned char)flags;
    p[5] = (unsigned char)((stream >> 24) & 0x7f); p[6] = (unsigned char)(stream >> 16);
    p[7] = (unsigned char)(stream >> 8); p[8] = (unsigned char)stream;
}

static int read_full(SSL *ssl, unsigned char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        int n = SSL_read(ssl, buf + got, (int)(len - got));
        if (n <= 0) return -1;
        got += (size_t)n;
    }
    return 0;
}

static int64_t remaining_ms(int64_t deadline) {
    int64_t left = (deadline - hd_monotonic_ns()) / 1000000;
    return left < 0 ? 0 : left;
}

int hd_h2_probe(const char *ip, int port, const char *sni, const char *authority, const char *path,
                const char *user_agent, int timeout_ms, hd_h2_result *out) {
    memset(out, 0, sizeof(*out));
    out->status = -1;
    int64_t start = hd_monotonic_ns();
    int64_t deadline = start + (int64_t)timeout_ms * 1000000;
    int fd = connect_with_timeout(ip, port, timeout_ms, &out->connect_errno);
    if (fd < 0) return 0;
    out->connected = 1;
    set_timeouts(fd, (int)remaining_ms(deadline));
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) { close(fd); return -1; }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    static const unsigned char alpn[] = { 2, 'h', '2' };
    SSL_CTX_set_alpn_protos(ctx, alpn, sizeof(alpn));
    SSL *ssl = SSL_new(ctx);
    int result = 0;
    if (!ssl) { SSL_CTX_free(ctx); close(fd); return -1; }
    if (sni && *sni) SSL_set_tlsext_host_name(ssl, sni);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) goto done;
    out->tls_done = 1;
    const unsigned char *selected = NULL; unsigned int selected_len = 0;
    SSL_get0_alpn_selected(ssl, &selected, &selected_len);
    if (!(selected_len == 2 && memcmp(selected, "h2", 2) == 0)) goto done;
    out->alpn_h2 = 1;

    /* Preface, an empty SETTINGS, and HEADERS (END_STREAM | END_HEADERS) on stream 1. */
    unsigned char buf[8192];
    size_t n = 0;
    memcpy(buf, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 24); n = 24;
    frame_header(buf + n, 0, 4, 0, 0); n += 9;
    size_t headers_at = n; n += 9;
    size_t block = n;
    const char *fields[][2] = { {":method", "GET"}, {":scheme", "https"}, {":authority", authority}, {":path", path},
                                {"user-agent", user_agent}, {"accept", "*/*"} };
    for (int i = 0; i < 6; i++) {
        size_t w = hpack_literal(buf + n, sizeof(buf) - n, fields[i][0], fields[i][1]);
        if (w == 0) { result = -1; goto done; }
        n += w;
    }
    frame_header(buf + headers_at, n - block, 1, 0x5, 1);
    if (SSL_write(ssl, buf, (int)n) <= 0) goto done;
    out->request_sent = 1;

    for (int frames = 0; frames < 64; frames++) {
        set_timeouts(fd, (int)remaining_ms(deadline));
        if (remaining_ms(deadline) == 0) { out->timed_out = 1; break; }
        unsigned char h[9];
        if (read_full(ssl, h, 9) != 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) out->timed_out = 1; else out->closed = 1;
            break;
        }
        size_t len = ((size_t)h[0] << 16) | ((size_t)h[1] << 8) | h[2];
        int type = h[3], flags = h[4];
        uint32_t stream = ((uint32_t)(h[5] & 0x7f) << 24) | ((uint32_t)h[6] << 16) | ((uint32_t)h[7] << 8) | h[8];
        if (len > sizeof(buf)) { out->closed = 1; break; }  /* more than asked for: stop */
        if (len > 0 && read_full(ssl, buf, len) != 0) { out->closed = 1; break; }
        out->frames++;
        if (type == 4 && !(flags & 0x1)) {  /* SETTINGS: acknowledge */
            unsigned char ack[9];
            frame_header(ack, 0, 4, 0x1, 0);
            SSL_write(ssl, ack, 9);
        } else if (type == 7 && len >= 8) {  /* GOAWAY */
            out->goaway = 1;
            out->goaway_last_stream = (int)(((uint32_t)(buf[0] & 0x7f) << 24) | ((uint32_t)buf[1] << 16) | ((uint32_t)buf[2] << 8) | buf[3]);
            out->goaway_code = (int)(((uint32_t)buf[4] << 24) | ((uint32_t)buf[5] << 16) | ((uint32_t)buf[6] << 8) | buf[7]);
            break;
        } else if (type == 3 && stream == 1 && len >= 4) {  /* RST_STREAM */
            out->rst_stream = 1;
            out->rst_code = (int)(((uint32_t)buf[0] << 24) | ((uint32_t)buf[1] << 16) | ((uint32_t)buf[2] << 8) | buf[3]);
            break;
        } else if (type == 1 && stream == 1) {  /* HEADERS: the first field is :status when indexed */
            size_t i = 0;
            if (flags & 0x8) i += 1;   /* PADDED */
            if (flags & 0x20) i += 5;  /* PRIORITY */
            out->headers = 1;
            if (i < len) {
                static const int statuses[] = { 200, 204, 206, 304, 400, 404, 500 };
                unsigned char b = buf[i];
                if (b >= 0x88 && b <= 0x8e) out->status = statuses[b - 0x88];
            }
            break;
        }
    }
done:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fd);
    ERR_clear_error();
    return result;
}
