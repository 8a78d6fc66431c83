import CHTTPDiag

/// Performs one hop with libcurl on the process's event loop (CurlMultiLoop).
enum HopTransfer {
    /// One hop, suspending the task until libcurl is done. Task cancellation stops the
    /// transfer at once; the outcome then says so (`cancelled`, CURLE_ABORTED_BY_CALLBACK).
    static func perform(_ request: HopRequest) async throws -> HopOutcome {
        let (easy, sink) = try prepare(request)
        let rc = await CurlMultiLoop.shared.perform(easy)
        var o = withExtendedLifetime(sink) { outcome(rc, easy, sink, started: easy.startedNs, tls: isTLS(request)) }
        o.cancelled = rc == CURLE_ABORTED_BY_CALLBACK && Task.isCancelled
        return o
    }

    /// One hop, blocking the calling thread (the loop thread does the work).
    static func performBlocking(_ request: HopRequest) throws -> HopOutcome {
        let (easy, sink) = try prepare(request)
        let rc = CurlMultiLoop.shared.performBlocking(easy)
        return withExtendedLifetime(sink) { outcome(rc, easy, sink, started: easy.startedNs, tls: isTLS(request)) }
    }

    /// One hop in a transfer of its own (curl_easy_perform, its own connection pool and
    /// caches), off the loop: the reference the loop's evidence is tested against.
    static func performStandalone(_ request: HopRequest) throws -> HopOutcome {
        let (easy, sink) = try prepare(request)
        let started = hd_monotonic_ns()
        let rc = curl_easy_perform(easy.handle)
        return withExtendedLifetime(sink) { outcome(rc, easy, sink, started: started, tls: isTLS(request)) }
    }

    private static func isTLS(_ r: HopRequest) -> Bool { URLParts(r.url).scheme.lowercased() == "https" }

    private static func prepare(_ request: HopRequest) throws -> (CurlEasy, TransferSink) {
        let easy = try CurlEasy()
        let sink = TransferSink(captureLimit: request.keepBody ? request.maxDownload : request.captureLimit, maxDownload: request.maxDownload)
        try configure(easy, request)
        try sink.install(on: easy)
        return (easy, sink)
    }

    private static func configure(_ easy: CurlEasy, _ r: HopRequest) throws {
        try easy.set(CURLOPT_URL, IDNA.asciiURL(r.url))
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)  // redirects are followed hop by hop by the prober
        try easy.set(CURLOPT_HTTP09_ALLOWED, 1)  // so that non-HTTP bytes can be seen, then refused
        try easy.set(CURLOPT_CERTINFO, 1)
        // Connection reuse, decided: none. All transfers share one multi handle, whose
        // connection pool would hand a probe a connection another probe (or the previous
        // hop) opened, and then that probe has no TCP connect, no TLS handshake and no
        // certificate chain of its own: the evidence a diagnosis is made of. So every
        // transfer opens its own connection and closes it (as under curl_easy_perform,
        // where each easy handle had a private pool), TLS sessions are not resumed (a full
        // handshake, the whole chain every time), and the DNS cache is the transfer's own
        // (CURLOPT_RESOLVE pins of concurrent probes must not meet). The cost on loopback
        // is a connect per probe, tens of microseconds.
        try easy.set(CURLOPT_FRESH_CONNECT, 1)
        try easy.set(CURLOPT_FORBID_REUSE, 1)
        try easy.set(CURLOPT_SSL_SESSIONID_CACHE, 0)
        try easy.isolateDNSCache()
        // A transfer that ends (a timeout, a cancellation) while libcurl's resolver thread is
        // still in getaddrinfo must not wait for it: without QUICK_EXIT libcurl joins that
        // thread on removal (Curl_resolver_kill), and on the one loop thread that would stall
        // every transfer of the process for as long as the system resolver takes.
        try easy.set(CURLOPT_QUICK_EXIT, 1)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(r.connectTimeoutMs, 1))
        try easy.set(CURLOPT_TIMEOUT_MS, max(r.totalTimeoutMs, 1))
        try easy.set(CURLOPT_USERAGENT, r.userAgent)
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, r.maxDownload)
        if r.connectOnly { try easy.set(CURLOPT_CONNECT_ONLY, 1) }
        if let proxy = r.proxy { try easy.set(CURLOPT_PROXY, proxy) }
        if let list = r.noProxyList { try easy.set(CURLOPT_NOPROXY, list) }
        if r.noProxy { try easy.set(CURLOPT_NOPROXY, "*") }
        if r.ipFamily != .any { try easy.set(CURLOPT_IPRESOLVE, r.ipFamily.curlValue) }
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
            // 1 is CURLAUTH_BASIC, a macro Swift cannot import.
            try easy.set(CURLOPT_HTTPAUTH, 1)
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
            version: cString(o.version),
            cipher: cString(o.cipher),
            alpn: cString(o.alpn),
            alertSentReason: Int(o.alert_sent_reason),
            alertSentReasonText: cString(o.alert_sent_reason_text),
            maxCertList: o.max_cert_list
        )
        let counters = CurlCounters(
            namelookup: easy.offset(CURLINFO_NAMELOOKUP_TIME_T),
            connect: easy.offset(CURLINFO_CONNECT_TIME_T),
            appconnect: easy.offset(CURLINFO_APPCONNECT_TIME_T),
            pretransfer: easy.offset(CURLINFO_PRETRANSFER_TIME_T),
            starttransfer: easy.offset(CURLINFO_STARTTRANSFER_TIME_T),
            total: easy.offset(CURLINFO_TOTAL_TIME_T)
        )
        let socket = sink.socket.pointee
        // Our marks count from libcurl's own start of the transfer, which is when the loop
        // first drives it, not when it was added (other transfers may run in between).
        // The socket is opened as the name lookup ends: that moment on both clocks aligns them.
        var started = started
        if socket.first_open_ns > 0 && counters.namelookup > 0 {
            started = socket.first_open_ns - Int64(counters.namelookup) * 1_000
        }
        let marks = TransferMarks(
            socketOpened: TransferMarks.offset(socket.first_open_ns, from: started),
            tcpConnected: o.tcp_connect_rtt_us > 0 && socket.sockets_opened == 1
                ? TransferMarks.offset(socket.last_open_ns, from: started).map { $0 + Int64(o.tcp_connect_rtt_us) } : nil,
            tlsFirstWrite: TransferMarks.offset(o.first_write_ns, from: started),
            tlsDone: TransferMarks.offset(o.handshake_done_ns, from: started),
            tlsAlert: TransferMarks.offset(o.alert_received_ns, from: started),
            requestSent: TransferMarks.offset(sink.requestSentNs, from: started),
            firstResponseByte: TransferMarks.offset(sink.firstResponseNs, from: started)
        )
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
                || sink.statusLine != nil
        )
    }

    private static func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
