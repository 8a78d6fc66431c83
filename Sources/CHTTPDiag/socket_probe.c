#define _GNU_SOURCE /* posix_spawn_file_actions_addclosefrom_np */
#include <stdio.h>
#include "chttpdiag.h"
#include "socket_address.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int hd_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

size_t hd_stdout_write(const void *bytes, size_t count) { return fwrite(bytes, 1, count, stdout); }

int64_t hd_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- socket observer ---- */

/* Opens the socket libcurl asks for (what libcurl itself would do) and notes when and
 * for which family: the start of the connect phase, which libcurl does not report for a
 * transfer that fails later. */
static curl_socket_t on_open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *address) {
    (void)purpose;
    hd_socket_observation *obs = clientp;
    curl_socket_t fd = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (obs != NULL && fd != CURL_SOCKET_BAD) {
        obs->last_open_ns = hd_monotonic_ns();
        if (obs->first_open_ns == 0) obs->first_open_ns = obs->last_open_ns;
        obs->sockets_opened++;
        obs->last_fd = fd;
    }
    return fd;
}

void hd_socket_observation_reset(hd_socket_observation *obs) {
    memset(obs, 0, sizeof(*obs));
    obs->last_fd = -1;
}

CURLcode hd_install_socket_observer(CURL *h, hd_socket_observation *obs) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, obs);
}

/* ---- raw TCP exchange ---- */

int hd_socket_address(const char *ip, int port, struct sockaddr_storage *ss, socklen_t *len) {
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *sin = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, ip, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET; sin->sin_port = htons((uint16_t)port); *len = sizeof(*sin);
    } else if (inet_pton(AF_INET6, ip, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6; sin6->sin6_port = htons((uint16_t)port); *len = sizeof(*sin6);
    } else {
        return EINVAL;
    }
    return 0;
}

static int remaining_ms(int64_t deadline_ns) {
    int64_t left = deadline_ns - hd_monotonic_ns();
    return left <= 0 ? 0 : (int)((left + 999999) / 1000000);
}

int hd_tcp_exchange(const char *ip, int port, int connect_timeout_ms, const unsigned char *payload, size_t payload_len,
                    int read_timeout_ms, hd_tcp_result *out) {
    memset(out, 0, sizeof(*out));
    struct sockaddr_storage ss;
    socklen_t sslen;
    if (hd_socket_address(ip, port, &ss, &sslen) != 0) {
        out->connect_errno = EINVAL;
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) { out->connect_errno = errno; return -1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

    int64_t start = hd_monotonic_ns();
    int64_t deadline = start + (int64_t)connect_timeout_ms * 1000000;
    int rc = connect(fd, (struct sockaddr *)&ss, sslen);
    if (rc < 0 && errno != EINPROGRESS) {
        out->connect_errno = errno;
        out->connect_ns = hd_monotonic_ns() - start;
        close(fd);
        return 0;
    }
    if (rc < 0) {
        for (;;) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            int left = remaining_ms(deadline);
            if (left == 0) { out->connect_errno = ETIMEDOUT; break; }
            int r = poll(&pfd, 1, left);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) { out->connect_errno = errno; break; }
            if (r == 0) { out->connect_errno = ETIMEDOUT; break; }
            int err = 0;
            socklen_t len = sizeof(err);
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            out->connect_errno = err;
            break;
        }
        out->connect_ns = hd_monotonic_ns() - start;
        if (out->connect_errno != 0) { close(fd); return 0; }
    } else {
        out->connect_ns = hd_monotonic_ns() - start;
    }
    out->connected = 1;

    int64_t connected_at = hd_monotonic_ns();
    /* MSG_NOSIGNAL: a peer that reset already must not raise SIGPIPE in this process. */
    if (payload_len > 0 && payload != NULL) (void)send(fd, payload, payload_len, MSG_NOSIGNAL);
    int64_t read_deadline = connected_at + (int64_t)read_timeout_ms * 1000000;
    for (;;) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int left = remaining_ms(read_deadline);
        if (left == 0) break;
        int r = poll(&pfd, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        ssize_t n = read(fd, out->first_bytes, sizeof(out->first_bytes));
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) { out->reset = errno == ECONNRESET; break; }
        if (n == 0) { out->closed = 1; break; }
        out->received = (int)n;
        out->first_byte_ns = hd_monotonic_ns() - connected_at;
        break;
    }
    close(fd);
    return 0;
}
