#ifndef HTTPDIAG_LIBRARY_VERSIONS_H
#define HTTPDIAG_LIBRARY_VERSIONS_H

/* The OpenSSL library loaded at run time ("OpenSSL 3.0.17 1 Jul 2025"), for --version. */
const char *hd_openssl_version(void);

#endif
