import CHTTPDiag

enum CurlVersion {
    /// From curl_version_info, not curl_version(), which initialises libldap to name its
    /// version (hd_curl_version_line).
    static var text: String { String(cString: hd_curl_version_line()) }
}
