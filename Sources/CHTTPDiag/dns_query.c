#include "chttpdiag.h"
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <string.h>

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

int hd_dns_query(const char *name, int qtype, const char *server, int port, int timeout_ms,
                 int *rcode, int *authoritative, hd_dns_record *records, int max_records,
                 int *record_count, int *err) {
    struct __res_state st;
    unsigned char query[512];
    unsigned char answer[8192];
    *record_count = 0; *rcode = -1; *authoritative = 0; *err = 0;
    memset(&st, 0, sizeof(st));
    if (res_ninit(&st) != 0) { *err = errno; return HD_DNS_ERROR; }
    st.retrans = timeout_ms <= 1000 ? 1 : (timeout_ms + 999) / 1000;
    st.retry = 1;
    st.options &= ~(unsigned long)(RES_DNSRCH | RES_DEFNAMES);
    if (server != NULL) {
        struct in_addr a4;
        if (inet_pton(AF_INET, server, &a4) != 1) { res_nclose(&st); *err = EINVAL; return HD_DNS_ERROR; }
        st.nscount = 1;
        memset(&st.nsaddr_list[0], 0, sizeof(st.nsaddr_list[0]));
        st.nsaddr_list[0].sin_family = AF_INET;
        st.nsaddr_list[0].sin_addr = a4;
        st.nsaddr_list[0].sin_port = htons((uint16_t)port);
    }
    int qlen = res_nmkquery(&st, ns_o_query, name, ns_c_in, qtype, NULL, 0, NULL, query, sizeof(query));
    if (qlen < 0) { res_nclose(&st); *err = EINVAL; return HD_DNS_ERROR; }
    errno = 0;
    int n = res_nsend(&st, query, qlen, answer, sizeof(answer));
    int saved = errno;
    res_nclose(&st);
    if (n < 0) {
        if (saved == ETIMEDOUT || saved == 0) return HD_DNS_TIMEOUT;
        *err = saved;
        return HD_DNS_ERROR;
    }
    ns_msg msg;
    if (ns_initparse(answer, n, &msg) < 0) { *err = EBADMSG; return HD_DNS_ERROR; }
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
