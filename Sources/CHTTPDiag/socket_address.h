#ifndef HTTPDIAG_SOCKET_ADDRESS_H
#define HTTPDIAG_SOCKET_ADDRESS_H
#include <sys/socket.h>

/* A numeric IPv4 or IPv6 address and a port as a socket address. Returns 0, or EINVAL
 * when `ip` is neither. Shared by the raw TCP exchange and the HTTP/2 follow-up. */
int hd_socket_address(const char *ip, int port, struct sockaddr_storage *ss, socklen_t *len);

#endif
