import CHTTPDiag

enum CurlVersion {
    /// Read once: curl_version() formats the whole string (every backend's) on each call,
    /// and every report carries it.
    static let text: String = String(cString: hd_curl_version())
}
