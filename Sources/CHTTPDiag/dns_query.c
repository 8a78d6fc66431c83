#include "chttpdiag.h"
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void rdata_text(const ns_msg *msg, const ns_rr *rr, char *out, size_t outlen) {
    out[0] = 0;
    switch (ns_rr_type(*rr)) {
    case ns_t_a:
        if (ns_rr_rdlen(*rr) == 4) inet_ntop(AF_INET, ns_rr_rdata(*rr), out, (socklen_t)outlen);
        break;
    case ns_t_aaaa:
        if (ns_rr_rdlen(*rr) == 16) inet_ntop(AF_INET6, ns_rr_rdata(*rr), out, (socklen_t)outlen);
        break;
    case ns_t_cname: case ns_t_ns: case ns_t_ptr:
        if (ns_name_uncompress(ns_msg_base(*msg), ns_msg_end(*msg), ns_rr_rdata(*rr), out, outlen) < 0)
            out[0] = 0;
        break;
    default:
        break;
    }
}

/* One UDP exchange with our own socket: libresolv's res_nsend hides SERVFAIL and REFUSED
 * replies (it moves on to the next server and reports a timeout), and those rcodes are
 * exactly the evidence we want. The exchange is split in two steps, so that an event loop
 * can wait for the socket among its others: hd_dns_start sends the query on a
 * non-blocking socket, hd_dns_receive reads and parses a reply once the socket is readable.
 * hd_dns_query, the blocking form, runs both with poll in between. */

int hd_dns_start(const char *name, int qtype, const char *server, int port, int *fd_out,
                 unsigned char *query_id, int *err) {
    struct __res_state st;
    unsigned char query[512];
    *fd_out = -1; *err = 0;
    memset(&st, 0, sizeof(st));
    if (res_ninit(&st) != 0) { *err = errno; return HD_DNS_ERROR; }
    int qlen = res_nmkquery(&st, ns_o_query, name, ns_c_in, qtype, NULL, 0, NULL, query, sizeof(query));
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    memset(&ss, 0, sizeof(ss));
    if (server != NULL) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        if (inet_pton(AF_INET, server, &sin->sin_addr) == 1) {
            sin->sin_family = AF_INET; sin->sin_port = htons((uint16_t)port); sslen = sizeof(*sin);
        } else if (inet_pton(AF_INET6, server, &sin6->sin6_addr) == 1) {
            sin6->sin6_family = AF_INET6; sin6->sin6_port = htons((uint16_t)port); sslen = sizeof(*sin6);
        } else { res_nclose(&st); *err = EINVAL; return HD_DNS_ERROR; }
    } else if (st.nscount > 0) {
        memcpy(&ss, &st.nsaddr_list[0], sizeof(st.nsaddr_list[0]));
        sslen = sizeof(st.nsaddr_list[0]);
    } else { res_nclose(&st); *err = ENOENT; return HD_DNS_ERROR; }
    res_nclose(&st);
    if (qlen < 0) { *err = EINVAL; return HD_DNS_ERROR; }
    int fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) { *err = errno; return HD_DNS_ERROR; }
    if (connect(fd, (struct sockaddr *)&ss, sslen) < 0 || send(fd, query, (size_t)qlen, 0) != qlen) {
        *err = errno; close(fd); return HD_DNS_ERROR;
    }
    query_id[0] = query[0]; query_id[1] = query[1];
    *fd_out = fd;
    return HD_DNS_OK;
}

int hd_dns_receive(int fd, const unsigned char *query_id, int *rcode, int *authoritative,
                   hd_dns_record *records, int max_records, int *record_count, int *err) {
    unsigned char answer[8192];
    *record_count = 0; *rcode = -1; *authoritative = 0; *err = 0;
    ssize_t n;
    for (;;) {
        n = recv(fd, answer, sizeof(answer), 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return HD_DNS_AGAIN;
            /* ICMP port unreachable: nothing listens; as good as no answer, but say why. */
            *err = errno;
            return HD_DNS_ERROR;
        }
        /* Ignore replies to other queries (ID mismatch). */
        if (n >= 12 && answer[0] == query_id[0] && answer[1] == query_id[1]) break;
    }
    ns_msg msg;
    if (ns_initparse(answer, (int)n, &msg) < 0) { *err = EBADMSG; return HD_DNS_ERROR; }
    *rcode = ns_msg_getflag(msg, ns_f_rcode);
    *authoritative = ns_msg_getflag(msg, ns_f_aa);
    int count = ns_msg_count(msg, ns_s_an);
    for (int i = 0; i < count && *record_count < max_records; i++) {
        ns_rr rr;
        if (ns_parserr(&msg, ns_s_an, i, &rr) < 0) break;
        hd_dns_record *r = &records[*record_count];
        r->type = ns_rr_type(rr);
        r->ttl = ns_rr_ttl(rr);
        snprintf(r->name, sizeof(r->name), "%s", ns_rr_name(rr));
        rdata_text(&msg, &rr, r->data, sizeof(r->data));
        (*record_count)++;
    }
    return HD_DNS_OK;
}

int hd_dns_query(const char *name, int qtype, const char *server, int port, int timeout_ms,
                 int *rcode, int *authoritative, hd_dns_record *records, int max_records,
                 int *record_count, int *err) {
    unsigned char id[2];
    int fd;
    *record_count = 0; *rcode = -1; *authoritative = 0;
    int rc = hd_dns_start(name, qtype, server, port, &fd, id, err);
    if (rc != HD_DNS_OK) return rc;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= timeout_ms) { close(fd); return HD_DNS_TIMEOUT; }
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int r = poll(&pfd, 1, (int)(timeout_ms - elapsed));
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) { close(fd); return HD_DNS_TIMEOUT; }
        if (r < 0) { *err = errno; close(fd); return HD_DNS_ERROR; }
        rc = hd_dns_receive(fd, id, rcode, authoritative, records, max_records, record_count, err);
        if (rc == HD_DNS_AGAIN) continue;
        close(fd);
        return rc;
    }
}

void hd_dns_close(int fd) { if (fd >= 0) close(fd); }
