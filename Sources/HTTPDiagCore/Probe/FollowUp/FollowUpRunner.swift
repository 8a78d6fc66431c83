#if canImport(Glibc)
import Glibc
#endif

/// Makes the follow-up requests FollowUpPlanner chose, one after another, each bounded by
/// a short budget and all by the check's deadline. They go to the primary probe's address
/// and port, never carry credentials (no Authorization, Cookie, secret headers, URL
/// password or secret query values, -u, client certificate), and never change anything:
/// GET or HEAD without a body, or a bare handshake/connect.
struct FollowUpRunner {
    let context: ProbeContext
    let primary: ProbeResult
    /// The URL the primary probe's last hop went to.
    let finalURL: String
    /// CLOCK_MONOTONIC ns by which every follow-up has ended.
    let deadline: UInt64

    /// No request is started with less time than this left.
    static let minimumBudgetMs = 150
    /// Per-request cap: a follow-up is a quick question, not a second probe.
    static let requestCapMs = 2_000
    static let connectCapMs = 1_000

    func run(_ steps: [FollowUpPlanner.Step]) async -> [FollowUp] {
        guard let address = primary.address else { return [] }
        var done: [FollowUp] = []
        for step in steps.prefix(FollowUpPlanner.maxPerCheck) {
            if Task.isCancelled { break }
            let result: FollowUp? =
                switch step {
                case .tlsHello: await tlsHello(address)
                case .plainHTTP: await plainHTTP(address)
                case .spacedRetry(let pauseMs): await spacedRetry(address, pauseMs: pauseMs)
                case .tcpConnect: await tcpConnect(address)
                case .otherFamily(let other): await otherFamily(other)
                case .http2Request: await http2Request(address)
                }
            if let result { done.append(redacted(result)) }
        }
        return done
    }

    // MARK: the follow-ups

    /// http:// got nothing or garbage: a handshake-only TLS connection to the same port.
    func tlsHello(_ address: String) async -> FollowUp? {
        guard let budget = budget(Self.requestCapMs), let url = rebuilt(scheme: "https", path: "/") else { return nil }
        var request = hopRequest(url: url, method: "GET", address: address, budgetMs: budget)
        request.connectOnly = true
        request.tls = TLSOptions(insecure: true)  // the question is "TLS or not"; nothing is sent after the handshake
        return await measure(.tlsHello, address) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            let t = o.tls
            let port = primary.port
            if t.handshakeDone {
                return (
                    "tls_handshake_done", nil, "tls_on_plain_port",
                    "a handshake-only connection completed TLS (\(t.version)): port \(port) serves TLS, so the URL should be https://"
                )
            }
            if t.sawServerHello || t.alertReceived != nil || (t.firstRecordByte.map { (20...23).contains($0) } ?? false) {
                let what = t.alertReceived.map { "alert \(TLSAlert(code: $0).text)" } ?? "a ServerHello"
                return (
                    t.alertReceived == nil ? "tls_server_hello" : "tls_alert", nil, "tls_on_plain_port",
                    "a TLS ClientHello got \(what) back: port \(port) speaks TLS, so the URL should be https://"
                )
            }
            let kind = FailureClassifier.classify(o, scheme: "https", hasClientCert: false)?.kind.rawValue ?? "no_answer"
            return (
                kind, nil, "no_tls_either", "a TLS ClientHello got no TLS answer either (\(kind)): port \(port) speaks neither HTTP nor TLS properly"
            )
        }
    }

    /// TLS got a non-TLS answer: a plain HTTP request to the same port.
    func plainHTTP(_ address: String) async -> FollowUp? {
        guard let budget = budget(Self.requestCapMs), let url = rebuilt(scheme: "http", path: nil) else { return nil }
        let request = hopRequest(url: url, method: safeMethod, address: address, budgetMs: budget)
        return await measure(.plainHTTP, address) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            if let line = o.statusLine {
                return (
                    "\(line.status)", line.status, "plain_http_on_tls_port",
                    "plain HTTP to port \(primary.port) got \(statusText(line)): the port serves plain HTTP, not TLS (use http://, or the TLS port)"
                )
            }
            let kind = FailureClassifier.classify(o, scheme: "http", hasClientCert: false)?.kind.rawValue ?? "no_answer"
            return (kind, nil, "no_http_either", "plain HTTP to port \(primary.port) failed too (\(kind))")
        }
    }

    /// 429/503 (or 502 after a success): the same request once more after a pause.
    func spacedRetry(_ address: String, pauseMs: Int) async -> FollowUp? {
        guard remainingMs() >= pauseMs + 300, let url = sanitizedURL() else { return nil }
        let started = context.now()
        let clock = MonotonicClock.now()
        try? await Task.sleep(nanoseconds: UInt64(pauseMs) * 1_000_000)
        if Task.isCancelled { return nil }
        guard let budget = budget(Self.requestCapMs) else { return nil }
        let request = hopRequest(url: url, method: safeMethod, address: address, budgetMs: budget)
        guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
        let first = primary.response?.status ?? 0
        let pause = "after a \(Format.fixed(Double(pauseMs) / 1000, 1)) s pause"
        let (outcome, status, finding, summary): (String, Int?, String, String)
        if let line = o.statusLine {
            let failed = line.status >= 400
            if !failed {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_succeeded",
                    "\(pause) the same \(safeMethod) got \(statusText(line)): the \(first) was transient (rate limit window, flapping or restarting upstream)"
                )
            } else if line.status == first {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_same_status",
                    "\(pause) the same \(safeMethod) got \(first) again: a lasting failure or a limit that is still in force"
                )
            } else {
                (outcome, status, finding, summary) = (
                    "\(line.status)", line.status, "retry_other_status",
                    "\(pause) the same \(safeMethod) got \(statusText(line)) instead of \(first)"
                )
            }
        } else {
            let kind = FailureClassifier.classify(o, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)?.kind.rawValue ?? "no_answer"
            (outcome, status, finding, summary) = (kind, nil, "retry_failed", "\(pause) the same \(safeMethod) failed: \(kind)")
        }
        return FollowUp(
            kind: .spacedRetry,
            target: targetText(address),
            startedAt: started,
            durationMs: MonotonicClock.millisecondsSince(clock),
            outcome: outcome,
            status: status,
            finding: finding,
            summary: summary + credentialNote
        )
    }

    /// A timeout: a bare TCP connect to the same port, then whether anything comes back.
    func tcpConnect(_ address: String) async -> FollowUp? {
        guard let budget = budget(Self.requestCapMs) else { return nil }
        let connectMs = min(Self.connectCapMs, budget * 6 / 10)
        let readMs = min(Self.connectCapMs, budget - connectMs)
        let scheme = URLParts(finalURL).scheme.lowercased()
        // Over http, a minimal HEAD asks for an answer; over https nothing is sent (a server
        // that speaks first is not an HTTP or TLS server).
        let head =
            scheme == "http"
            ? Array("HEAD / HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: \(context.options.userAgent)\r\nConnection: close\r\n\r\n".utf8) : []
        let port = primary.port
        return await measure(.tcpConnect, address) {
            guard
                let x = await BlockingCall.run({
                    TCPExchange.run(
                        address: address,
                        port: port,
                        connectTimeoutMs: connectMs,
                        send: head,
                        readTimeoutMs: readMs
                    )
                })
            else { return nil }
            let took = Format.ms(x.connectMs)
            guard x.connected else {
                switch Int32(x.connectErrno) {
                case ETIMEDOUT:
                    return (
                        "connect_timeout", nil, "tcp_connect_timeout",
                        "a bare TCP connect timed out again after \(took): SYNs get no answer (a firewall or security group drops them, the host is down, or its listen queue is full)"
                    )
                case ECONNREFUSED:
                    return ("connect_refused", nil, "tcp_refused", "a bare TCP connect was refused now (in \(took)): nothing listens any more")
                default:
                    return (
                        "connect_error", nil, "tcp_connect_failed",
                        "a bare TCP connect failed (\(OSErrno.describe(Int32(x.connectErrno)))) after \(took)"
                    )
                }
            }
            let asked = head.isEmpty ? "without sending anything" : "to a bare HEAD /"
            if let firstByte = x.firstByteMs {
                return (
                    "accepted_first_byte", nil, "tcp_accepts_replies",
                    "the connection was accepted in \(took) and bytes came back \(asked) within \(Format.ms(firstByte)) (\(FailureClassifier.printable(x.firstBytes))): the server answers, the original request is what got no answer"
                )
            }
            if x.closed || x.reset {
                return (
                    x.reset ? "accepted_reset" : "accepted_closed", nil, "tcp_accepts_closes",
                    "the connection was accepted in \(took), then \(x.reset ? "reset" : "closed") without a byte \(asked)"
                )
            }
            return (
                "accepted_no_reply", nil, "tcp_accepts",
                "the connection was accepted in \(took), but nothing came back \(asked) within \(Format.ms(Double(readMs))): something accepts connections and does not answer (a hung or overloaded server, or a proxy whose upstream does not answer)"
            )
        }
    }

    /// An HTTP/2 request got no response: one GET of our own over HTTP/2 reads what the
    /// server does with the stream, RST_STREAM and GOAWAY with their error codes.
    func http2Request(_ address: String) async -> FollowUp? {
        guard let budget = budget(Self.requestCapMs), let target = try? TargetURL(finalURL) else { return nil }
        let sni = IPAddress.isLiteral(target.host) ? nil : target.host
        let path = sanitizedPathAndQuery()
        let agent = context.options.userAgent
        var code: Int?
        var followUp = await measure(.http2Request, address) { () -> (outcome: String, status: Int?, finding: String, summary: String)? in
            let (port, authority) = (primary.port, hostHeader)
            guard
                let x = await BlockingCall.run({
                    HTTP2Probe.run(
                        address: address,
                        port: port,
                        sni: sni,
                        authority: authority,
                        path: path,
                        userAgent: agent,
                        timeoutMs: budget
                    )
                })
            else { return nil }
            let asked = "a GET \(path) of httpdiag's own over HTTP/2 (without credentials)"
            if !x.connected {
                return ("connect_error", nil, "h2_no_answer", "\(asked) could not connect (\(OSErrno.describe(Int32(x.connectErrno))))")
            }
            if !x.tlsDone { return ("tls_failed", nil, "h2_no_answer", "\(asked): the TLS handshake failed") }
            if !x.negotiatedH2 { return ("no_h2", nil, "h2_not_negotiated", "\(asked): the server did not choose h2 by ALPN this time") }
            code = x.resetCode ?? x.goawayCode
            if let code = x.resetCode {
                return (
                    "rst_stream", nil, "h2_rst_stream",
                    "\(asked): the server reset the stream with \(HTTP2Probe.errorName(code)) (0x\(String(code, radix: 16))): it refuses the request, not the connection"
                )
            }
            if let code = x.goawayCode {
                return (
                    "goaway", nil, "h2_goaway",
                    "\(asked): the server sent GOAWAY with \(HTTP2Probe.errorName(code)) (0x\(String(code, radix: 16))), last stream \(x.goawayLastStream): it closes the whole HTTP/2 connection"
                )
            }
            if x.headers {
                let status = x.status.map { " (\($0))" } ?? ""
                return (x.status.map(String.init) ?? "headers", x.status, "h2_answers", "\(asked): the server answered\(status) this time")
            }
            if x.timedOut { return ("timeout", nil, "h2_no_answer", "\(asked): nothing came back within \(Format.ms(Double(budget)))") }
            return ("closed", nil, "h2_closed", "\(asked): the server closed the connection without a frame about the stream")
        }
        // The code itself, for machines: the evidence libcurl keeps to itself.
        followUp?.http2ErrorCode = code
        followUp?.http2Error = code.map(HTTP2Probe.errorName)
        return followUp
    }

    /// The name has an address of the other family that no probe tried.
    func otherFamily(_ other: String) async -> FollowUp? {
        guard let budget = budget(Self.requestCapMs), let url = sanitizedURL() else { return nil }
        let request = hopRequest(url: url, method: safeMethod, address: other, budgetMs: budget)
        let mine = primary.family ?? "?"
        let theirs = IPAddress.family(other) ?? "?"
        return await measure(.otherFamily, other) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            let error = FailureClassifier.classify(o, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)
            let status = o.statusLine?.status
            let outcome = status.map(String.init) ?? error?.kind.rawValue ?? "no_answer"
            let works = error == nil && (status ?? 0) < 400
            return (
                outcome, status, works ? "\(theirs)_ok_\(mine)_fails" : "both_families_fail",
                works
                    ? "\(other) (\(theirs)) answered \(outcome) where \(primary.address ?? "") (\(mine)) failed: the \(mine) path or listener is the problem"
                    : "\(other) (\(theirs)) failed too (\(outcome)): not a problem of one address family"
            )
        }
    }

    // MARK: helpers

    private func measure(
        _ kind: FollowUp.Kind,
        _ address: String,
        _ body: () async -> (outcome: String, status: Int?, finding: String, summary: String)?
    ) async -> FollowUp? {
        let started = context.now()
        let clock = MonotonicClock.now()
        guard let r = await body() else { return nil }
        return FollowUp(
            kind: kind,
            target: targetText(address),
            startedAt: started,
            durationMs: MonotonicClock.millisecondsSince(clock),
            outcome: r.outcome,
            status: r.status,
            finding: r.finding,
            summary: r.summary + (kind == .plainHTTP || kind == .otherFamily ? credentialNote : "")
        )
    }

    private func redacted(_ f: FollowUp) -> FollowUp {
        var f = f
        f.target = context.redactor.scrub(f.target)
        f.summary = context.redactor.scrub(f.summary)
        return f
    }

    func remainingMs() -> Int { Int((Int64(deadline) - Int64(MonotonicClock.now())) / 1_000_000) }

    /// min(cap, time left), or nil when too little is left to ask anything.
    func budget(_ capMs: Int) -> Int? {
        let left = min(capMs, remainingMs())
        return left >= Self.minimumBudgetMs ? left : nil
    }

    var safeMethod: String { primary.request.method == "HEAD" ? "HEAD" : "GET" }

    private var credentialNote: String {
        let o = context.options
        let had =
            o.userpwd != nil || o.tls.clientCert != nil || o.headers.contains { SecretNames.isSecretHeader(Self.headerName($0)) }
            || !URLParts(finalURL).queryItems.filter { SecretNames.isSecretField($0.0) }.isEmpty
        let method = primary.request.method
        return (had ? " (sent without credentials)" : "") + (method != "GET" && method != "HEAD" ? " (as GET, not \(method))" : "")
    }

    func targetText(_ address: String) -> String { "\(IPAddress.bracketed(address)):\(primary.port)" }

    /// The Host header the original request carried: the user's -H Host, else the URL's.
    var hostHeader: String {
        context.options.headers.first { Self.headerName($0).lowercased() == "host" }
            .map { String($0.drop { $0 != ":" }.dropFirst()).trimmedSpaces() } ?? URLParts(finalURL).hostPort
    }

    /// The final URL's path and query without secret query parameters.
    func sanitizedPathAndQuery() -> String {
        let parts = URLParts(finalURL)
        let query = parts.queryItems.filter { !SecretNames.isSecretField($0.0) }.map { $0.1.isEmpty ? $0.0 : "\($0.0)=\($0.1)" }
        return (parts.path.isEmpty ? "/" : parts.path) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The final URL without user info and secret query parameters.
    func sanitizedURL() -> String? {
        let parts = URLParts(finalURL)
        return "\(parts.scheme)://\(parts.hostPort)" + sanitizedPathAndQuery()
    }

    /// The final URL under another scheme, its port written out; `path` nil keeps the
    /// sanitized path and query.
    func rebuilt(scheme: String, path: String?) -> String? {
        guard let target = try? TargetURL(finalURL) else { return nil }
        return "\(scheme)://\(IPAddress.bracketed(target.host)):\(target.port)" + (path ?? sanitizedPathAndQuery())
    }

    static func headerName(_ line: String) -> String { String(line.prefix { $0 != ":" }) }

    /// A libcurl request to `url`, connected to `address` and the primary probe's port.
    func hopRequest(url: String, method: String, address: String, budgetMs: Int) -> HopRequest {
        let o = context.options
        let headers = o.headers.filter { line in
            let name = Self.headerName(line).lowercased()
            return !SecretNames.isSecretHeader(name) && !["content-type", "content-length", "expect", "transfer-encoding"].contains(name)
        }
        var connectTo: [String] = []
        if let t = try? TargetURL(url), !IPAddress.isLiteral(t.host) {
            connectTo = ["\(t.host):\(t.port):\(IPAddress.bracketed(address)):\(primary.port)"]
        }
        var request = HopRequest(options: o, url: url)
        request.method = method
        request.nobody = method == "HEAD"
        request.headers = headers
        request.body = nil
        request.multipart = []
        request.userpwd = nil
        request.resolve = []
        request.connectTo = connectTo
        request.tls = TLSOptions(insecure: o.tls.insecure, caFile: o.tls.caFile)
        request.connectTimeoutMs = min(budgetMs, Self.connectCapMs)
        request.totalTimeoutMs = budgetMs
        request.captureLimit = 4096
        request.maxDownload = 256 * 1024
        request.compressed = false
        request.noProxy = true
        return request
    }

    private func statusText(_ line: TransferSink.StatusLine) -> String {
        "\(line.status) \(line.reason.isEmpty ? HTTPStatus.reason(line.status) : line.reason)".trimmedSpaces()
    }
}
