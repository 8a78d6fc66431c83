import HTTPDiagCore

/// `--config FILE`: defaults plus endpoints (see config.example.json, docs/config.schema.json).
public struct FleetConfig: Sendable {
    public var file: String
    public var endpoints: [EndpointConfig]
}

/// One endpoint with the defaults already merged in.
public struct EndpointConfig: Sendable {
    public var name: String
    public var url: String
    public var method: String?
    /// `Name: value` lines, `${ENV}` already expanded.
    public var headers: [String]
    public var body: String?
    public var expect: Expectation
    /// Probed instead of the URL's path when set (`/health`).
    public var healthPath: String?
    public var samples: Int
    public var timeoutMs: Int
    public var connectTimeoutMs: Int?
    public var tls: TLSOptions
    public var certWarnDays: Int
    public var dnsServer: DNSServer?
    public var tags: [String]
    /// Follow-up requests after a failure (`"followups": true`); off by default in a
    /// fleet, where thousands of endpoints would multiply them.
    public var followups = false
    /// Why the endpoint is not probed (a `${NAME}` it needs is not set: `endpoints[2].headers.Authorization:
    /// environment variable TOKEN is not set`); nil for an endpoint that runs. It reports UNKNOWN with this reason.
    public var disabled: String?

    /// The URL actually probed (with `health_path` applied).
    public var probeURL: String {
        guard let healthPath else { return url }
        let parts = URLParts(url)
        return "\(parts.scheme)://\(parts.hostPort)\(healthPath.hasPrefix("/") ? healthPath : "/" + healthPath)"
    }

    public func probeOptions() -> ProbeOptions {
        var o = ProbeOptions(url: probeURL)
        o.method = method
        o.headers = headers
        o.body = body.map { Array($0.utf8) }
        o.samples = samples
        o.maxTimeMs = timeoutMs
        o.connectTimeoutMs = connectTimeoutMs
        o.tls = tls
        o.certWarnDays = certWarnDays
        o.dnsServer = dnsServer
        o.followups = followups
        return o
    }
}

/// What a healthy answer looks like; anything else is CRITICAL.
public struct Expectation: Sendable {
    /// Acceptable statuses; empty means "any 2xx or 3xx".
    public var status: [Int] = []
    public var bodyContains: String?
    public var bodyMatches: String?
    /// Header name → a substring its value must contain.
    public var headers: [String: String] = [:]
    public var maxLatencyMs: Double?

    /// The expectations a report breaks, one line each.
    public func failures(_ report: CheckReport) -> [String] {
        var out: [String] = []
        for probe in report.probes {
            // A probe that already failed (an error status included) says why on its own;
            // expectations speak for answers the prober thinks are fine.
            guard let r = probe.response, probe.error == nil else { continue }
            if !status.isEmpty, !status.contains(r.status) {
                out.append("status \(r.status) not in [\(status.map(String.init).joined(separator: ", "))]")
            }
            if let needle = bodyContains, !r.body.contains(needle) { out.append("body does not contain \"\(needle)\"") }
            if let pattern = bodyMatches, (try? Regex(pattern).firstMatch(in: r.body)) == nil {
                out.append("body does not match /\(pattern)/")
            }
            for (name, needle) in headers.sorted(by: { $0.key < $1.key }) {
                let value = r.headers.first(name)
                if value == nil || !(value!.contains(needle)) { out.append("header \(name) does not contain \"\(needle)\"") }
            }
            if let max = maxLatencyMs, probe.timings.totalMs > max {
                out.append("latency \(Format.fixed(probe.timings.totalMs, 1)) ms above \(Format.fixed(max, 0)) ms")
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
