import CHTTPDiag

/// The versions of the libraries httpdiag runs on, as loaded (for `httpdiag --version`).
public enum LibraryVersions {
    /// libcurl's own line: `libcurl/8.5.0 OpenSSL/3.0.17 zlib/1.2.13 libidn2/2.3.3 ...`.
    public static var libcurl: String { CurlVersion.text }
    /// `OpenSSL 3.0.17 1 Jul 2025`.
    public static var openssl: String { String(cString: hd_openssl_version()) }
}
