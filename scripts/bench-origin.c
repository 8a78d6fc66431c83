/*
 * The fleet benchmark's origin: HTTP/1.1 keep-alive on 127.0.0.1:PORT, every request
 * answered "200 ok" after DELAY_MS, one epoll thread, no allocation per request. Written
 * so that at concurrency 500 the origin is not what is measured (a thread per connection,
 * or Python, costs more CPU per request than the clients under test on 2 cores).
 * Usage: bench-origin PORT DELAY_MS      (prints "ready" once listening)
 * Requests are GETs without a body: a request ends at its blank line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FD 65536
#define QUEUE (1 << 20)

static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n";

struct conn { uint32_t gen; int matched; };          /* matched: bytes of "\r\n\r\n" seen */
struct due { int64_t at; int fd; uint32_t gen; };    /* one delayed response */

static struct conn conns[MAX_FD];
static struct due queue[QUEUE];                      /* FIFO: the delay is constant */
static size_t head, tail;

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: bench-origin PORT DELAY_MS\n"); return 2; }
    int port = atoi(argv[1]), delay = atoi(argv[2]);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 4096) != 0) { perror("bench-origin"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = ls };
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    printf("ready\n");
    fflush(stdout);
    struct epoll_event events[512];
    char buf[16384];
    static const char end[] = "\r\n\r\n";
    for (;;) {
        int timeout = -1;
        if (head != tail) { int64_t d = queue[head % QUEUE].at - now_ms(); timeout = d > 0 ? (int)d : 0; }
        int n = epoll_wait(ep, events, 512, timeout);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == ls) {
                int c;
                while ((c = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (c >= MAX_FD) { close(c); continue; }
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conns[c].matched = 0;
                    struct epoll_event cev = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = c };
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            ssize_t got;
            int closed = 0;
            while ((got = read(fd, buf, sizeof buf)) > 0) {
                for (ssize_t k = 0; k < got; k++) {
                    struct conn *cn = &conns[fd];
                    cn->matched = buf[k] == end[cn->matched] ? cn->matched + 1 : (buf[k] == '\r' ? 1 : 0);
                    if (cn->matched == 4) {
                        cn->matched = 0;
                        if (tail - head < QUEUE) queue[tail++ % QUEUE] = (struct due){ now_ms() + delay, fd, cn->gen };
                    }
                }
            }
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) closed = 1;
            if (closed) { conns[fd].gen++; epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL); close(fd); }
        }
        int64_t t = now_ms();
        while (head != tail && queue[head % QUEUE].at <= t) {
            struct due d = queue[head++ % QUEUE];
            if (conns[d.fd].gen != d.gen) continue;  /* that connection is gone */
            if (write(d.fd, response, sizeof response - 1) < 0 && errno != EAGAIN) {
                conns[d.fd].gen++; epoll_ctl(ep, EPOLL_CTL_DEL, d.fd, NULL); close(d.fd);
            }
        }
    }
}
