#include "chttpdiag.h"
#include <string.h>
#include <sys/socket.h>
#include <time.h>

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
