/// One follow-up to make: which (the planner's step), after which probe, and by when.
struct FollowUpQuestion: Sendable {
    var step: FollowUpPlanner.Step
    /// The probe the follow-up is for (it goes to its address and port).
    var primary: ProbeResult
    /// The URL the primary probe's last hop went to.
    var finalURL: String
    /// CLOCK_MONOTONIC ns by which every follow-up has ended.
    var deadline: UInt64
}

/// A follow-up prober: one read-only question that tells look-alike causes of a failed
/// probe apart, registered in ProberRegistry by its kind (FollowUpPlanner decides which
/// are asked). Evidence nil: not asked (too little time left, nothing to ask).
protocol FollowUpProber: LayerProber where Input == FollowUpQuestion, Evidence == FollowUp? {
    static var kind: FollowUp.Kind { get }
}

extension FollowUpPlanner.Step {
    /// The follow-up this step asks for.
    var kind: FollowUp.Kind {
        switch self {
        case .tlsHello: .tlsHello
        case .plainHTTP: .plainHTTP
        case .spacedRetry: .spacedRetry
        case .tcpConnect: .tcpConnect
        case .otherFamily: .otherFamily
        case .http2Request: .http2Request
        }
    }
}

/// What every follow-up needs while it asks: its budget within the check's deadline, the
/// primary probe's address and port, its URL without secrets, and a request of the
/// check's options stripped of credentials. They go to the primary probe's address and
/// port, never carry credentials (no Authorization, Cookie, secret headers, URL password
/// or secret query values, -u, client certificate), and never change anything: GET or HEAD
/// without a body, or a bare handshake/connect.
struct FollowUpAsk: Sendable {
    let question: FollowUpQuestion
    let context: ProbeContext

    /// No request is started with less time than this left.
    static let minimumBudgetMs = 150
    /// Per-request cap: a follow-up is a quick question, not a second probe.
    static let requestCapMs = 2_000
    static let connectCapMs = 1_000

    var primary: ProbeResult { question.primary }
    var finalURL: String { question.finalURL }
    var deadline: UInt64 { question.deadline }
    /// The primary probe's address (FollowUpRunner asks nothing without one).
    var address: String { primary.address ?? "" }

    func measure(
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

    func remainingMs() -> Int { Int((Int64(deadline) - Int64(MonotonicClock.now())) / 1_000_000) }

    /// min(cap, time left), or nil when too little is left to ask anything.
    func budget(_ capMs: Int) -> Int? {
        let left = min(capMs, remainingMs())
        return left >= Self.minimumBudgetMs ? left : nil
    }

    var safeMethod: String { primary.request.method == "HEAD" ? "HEAD" : "GET" }

    var credentialNote: String {
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

    func statusText(_ line: TransferSink.StatusLine) -> String {
        "\(line.status) \(line.reason.isEmpty ? HTTPStatus.reason(line.status) : line.reason)".trimmedSpaces()
    }
}
