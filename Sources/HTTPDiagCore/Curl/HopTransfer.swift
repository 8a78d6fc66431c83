import CHTTPDiag

/// Performs one hop with libcurl, blocking the calling thread.
enum HopTransfer {
    static func perform(_ request: HopRequest) throws -> HopOutcome {
        let easy = try CurlEasy()
        let sink = TransferSink(captureLimit: request.captureLimit, maxDownload: request.maxDownload)
        try configure(easy, request)
        try sink.install(on: easy)
        let started = hd_monotonic_ns()
        let rc = withExtendedLifetime(sink) { easy.perform() }
        let scheme = URLParts(request.url).scheme.lowercased()
        return outcome(rc, easy, sink, started: started, tls: scheme == "https")
    }

    private static func configure(_ easy: CurlEasy, _ r: HopRequest) throws {
        try easy.set(CURLOPT_URL, IDNA.asciiURL(r.url))
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)  // redirects are followed hop by hop by the prober
        try easy.set(CURLOPT_HTTP09_ALLOWED, 1)  // so that non-HTTP bytes can be seen, then refused
        try easy.set(CURLOPT_CERTINFO, 1)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(r.connectTimeoutMs, 1))
        try easy.set(CURLOPT_TIMEOUT_MS, max(r.totalTimeoutMs, 1))
        try easy.set(CURLOPT_USERAGENT, r.userAgent)
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, r.maxDownload)
        if r.connectOnly { try easy.set(CURLOPT_CONNECT_ONLY, 1) }
        if r.noProxy { try easy.set(CURLOPT_NOPROXY, "*") }
        switch r.httpVersion {
        case .automatic: break
        case .http1_1: try easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        case .http2: try easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        }
        if r.compressed { try easy.set(CURLOPT_ACCEPT_ENCODING, "") }
        if r.nobody { try easy.set(CURLOPT_NOBODY, 1) }
        if let body = r.body { try easy.setPostBody(body) }
        if !r.multipart.isEmpty { try easy.setMultipart(r.multipart) }
        // After the body options: POSTFIELDS sets the method to POST, CUSTOMREQUEST overrides.
        let implied = r.nobody ? "HEAD" : (r.body != nil || !r.multipart.isEmpty) ? "POST" : "GET"
        if r.method != implied { try easy.set(CURLOPT_CUSTOMREQUEST, r.method) }
        try easy.set(CURLOPT_HTTPHEADER, list: r.headers)
        try easy.set(CURLOPT_RESOLVE, list: r.resolve)
        try easy.set(CURLOPT_CONNECT_TO, list: r.connectTo)
        if let userpwd = r.userpwd {
            try easy.set(CURLOPT_USERPWD, userpwd)
            try easy.set(CURLOPT_HTTPAUTH, 1 /* CURLAUTH_BASIC, a macro Swift cannot import */)
        }
        if r.tls.insecure {
            try easy.set(CURLOPT_SSL_VERIFYPEER, 0)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let ca = r.tls.caFile { try easy.set(CURLOPT_CAINFO, ca) }
        if let cert = r.tls.clientCert { try easy.set(CURLOPT_SSLCERT, cert) }
        if let key = r.tls.clientKey { try easy.set(CURLOPT_SSLKEY, key) }
    }

    private static func outcome(_ rc: CURLcode, _ easy: CurlEasy, _ sink: TransferSink, started: Int64, tls: Bool) -> HopOutcome {
        let o = sink.tls.pointee
        let observation = TLSObservation(
            handshakeDone: o.handshake_done != 0,
            alertReceived: o.alert_received >= 0 ? Int(o.alert_received) : nil,
            alertSent: o.alert_sent >= 0 ? Int(o.alert_sent) : nil,
            sawServerHello: o.saw_server_hello != 0,
            sentAny: o.sent_any != 0,
            sawCertificateRequest: o.saw_certificate_request != 0,
            sentCertificate: o.sent_certificate != 0,
            firstRecordByte: o.first_record_byte >= 0 ? Int(o.first_record_byte) : nil,
            version: cString(o.version), cipher: cString(o.cipher), alpn: cString(o.alpn),
            alertSentReason: Int(o.alert_sent_reason), alertSentReasonText: cString(o.alert_sent_reason_text),
            maxCertList: o.max_cert_list)
        let counters = CurlCounters(
            namelookup: easy.offset(CURLINFO_NAMELOOKUP_TIME_T),
            connect: easy.offset(CURLINFO_CONNECT_TIME_T),
            appconnect: easy.offset(CURLINFO_APPCONNECT_TIME_T),
            pretransfer: easy.offset(CURLINFO_PRETRANSFER_TIME_T),
            starttransfer: easy.offset(CURLINFO_STARTTRANSFER_TIME_T),
            total: easy.offset(CURLINFO_TOTAL_TIME_T))
        let socket = sink.socket.pointee
        let marks = TransferMarks(
            socketOpened: TransferMarks.offset(socket.first_open_ns, from: started),
            tcpConnected: o.tcp_connect_rtt_us > 0 && socket.sockets_opened == 1
                ? TransferMarks.offset(socket.last_open_ns, from: started).map { $0 + Int64(o.tcp_connect_rtt_us) } : nil,
            tlsFirstWrite: TransferMarks.offset(o.first_write_ns, from: started),
            tlsDone: TransferMarks.offset(o.handshake_done_ns, from: started),
            tlsAlert: TransferMarks.offset(o.alert_received_ns, from: started),
            requestSent: TransferMarks.offset(sink.requestSentNs, from: started),
            firstResponseByte: TransferMarks.offset(sink.firstResponseNs, from: started))
        // A transfer our own callbacks stopped (a limit) failed too, with libcurl's code set.
        let timings = Timings.measured(counters, marks: marks, tls: tls, failed: rc != CURLE_OK)
        return HopOutcome(
            curlCode: Int(rc.rawValue),
            curlMessage: String(cString: curl_easy_strerror(rc)),
            osErrno: easy.long(CURLINFO_OS_ERRNO),
            statusLine: sink.statusLine,
            interimResponses: sink.interimResponses,
            headers: sink.headers,
            body: sink.body,
            bodySize: sink.bodySize,
            headersTooLarge: sink.headersTooLarge,
            bodyTooLarge: sink.bodyTooLarge,
            nonHTTPBytes: sink.nonHTTPBytes,
            sentHeaderText: sink.sentHeaderText,
            timings: timings,
            primaryIP: easy.string(CURLINFO_PRIMARY_IP).flatMap { $0.isEmpty ? nil : $0 },
            primaryPort: easy.long(CURLINFO_PRIMARY_PORT),
            redirectURL: easy.string(CURLINFO_REDIRECT_URL),
            certificates: easy.certificateFields(),
            verifyResult: easy.long(CURLINFO_SSL_VERIFYRESULT),
            tls: observation,
            // libcurl leaves CONNECT_TIME at 0 when a later phase fails or times out, so
            // "connected" also counts anything we managed to send.
            connected: easy.offset(CURLINFO_CONNECT_TIME_T) > 0 || o.sent_any != 0 || !sink.sentHeaderText.isEmpty
                || sink.statusLine != nil)
    }

    private static func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
