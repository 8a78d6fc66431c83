#ifndef HTTPDIAG_LIBRARY_VERSIONS_H
#define HTTPDIAG_LIBRARY_VERSIONS_H

/* The OpenSSL library loaded at run time ("OpenSSL 3.0.17 1 Jul 2025"), for --version. */
const char *hd_openssl_version(void);

/* libcurl's version line as curl_version() writes it ("libcurl/7.88.1 OpenSSL/3.0.19
   zlib/1.2.13 ...") from curl_version_info: without the LDAP library's version, which
   curl_version() reads by initialising libldap (ldap.conf, every SASL plugin dlopen'ed:
   milliseconds of every check's start-up). */
const char *hd_curl_version_line(void);

#endif
