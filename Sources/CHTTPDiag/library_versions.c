#include <openssl/crypto.h>

#include "library_versions.h"

const char *hd_openssl_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
