import CHTTPDiag

enum CurlVersion {
    static var text: String { String(cString: hd_curl_version()) }
}
