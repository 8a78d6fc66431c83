import CHTTPDiag

/// One HTTP/2 GET of httpdiag's own (follow-ups), for what libcurl does not report: the
/// error code of the server's RST_STREAM or GOAWAY.
struct HTTP2Probe {
    var connected: Bool
    var connectErrno: Int
    var tlsDone: Bool
    var negotiatedH2: Bool
    var requestSent: Bool
    var headers: Bool
    var status: Int?
    var resetCode: Int?
    var goawayCode: Int?
    var goawayLastStream: Int
    var closed: Bool
    var timedOut: Bool

    static func run(
        address: String,
        port: Int,
        sni: String?,
        authority: String,
        path: String,
        userAgent: String,
        timeoutMs: Int
    ) -> HTTP2Probe? {
        var r = hd_h2_result()
        let rc = hd_h2_probe(address, Int32(port), sni, authority, path, userAgent, Int32(max(timeoutMs, 1)), &r)
        guard rc == 0 else { return nil }
        return HTTP2Probe(
            connected: r.connected != 0,
            connectErrno: Int(r.connect_errno),
            tlsDone: r.tls_done != 0,
            negotiatedH2: r.alpn_h2 != 0,
            requestSent: r.request_sent != 0,
            headers: r.headers != 0,
            status: r.status >= 0 ? Int(r.status) : nil,
            resetCode: r.rst_stream != 0 ? Int(r.rst_code) : nil,
            goawayCode: r.goaway != 0 ? Int(r.goaway_code) : nil,
            goawayLastStream: Int(r.goaway_last_stream),
            closed: r.closed != 0,
            timedOut: r.timed_out != 0
        )
    }

    /// RFC 9113 §7 names.
    static func errorName(_ code: Int) -> String {
        let names = [
            "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
            "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
            "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
        ]
        return names.indices.contains(code) ? names[code] : "unknown"
    }
}
