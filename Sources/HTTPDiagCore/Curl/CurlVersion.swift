import CHTTPDiag

enum CurlVersion {
    /// Read once, from curl_version_info: curl_version() initialises libldap to name its
    /// version (hd_curl_version_line), and every report carries the line.
    static let text: String = String(cString: hd_curl_version_line())
}
