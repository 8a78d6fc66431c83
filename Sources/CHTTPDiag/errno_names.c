#define _GNU_SOURCE
#include "chttpdiag.h"
#include <string.h>

/* glibc's thread-safe tables (2.32+): no static buffer is shared between probes. */
const char *hd_errno_name(int err) { return strerrorname_np(err); }
const char *hd_errno_text(int err) {
    const char *text = strerrordesc_np(err);
    return text ? text : "unknown error";
}
