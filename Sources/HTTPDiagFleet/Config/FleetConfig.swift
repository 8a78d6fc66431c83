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
    public var expect: Expectation
    /// Probed instead of the URL's path when set (`/health`).
    public var healthPath: String?
    public var tags: [String]
    /// Why the endpoint is not probed (a `${NAME}` it needs is not set: `endpoints[2].headers.Authorization:
    /// environment variable TOKEN is not set`); nil for an endpoint that runs. It reports UNKNOWN with this reason.
    public var disabled: String? = nil
    /// What the endpoint is probed with, as `httpdiag check` would be told: ConfigLoader
    /// writes the config's keys straight into it (the one mapping of config → ProbeOptions),
    /// from ProbeOptions' own defaults; `probeOptions()` only points it at `probeURL`.
    public var probe: ProbeOptions

    /// An endpoint probed with ProbeOptions' defaults, except follow-ups: off in a fleet,
    /// where thousands of endpoints would multiply them (`"followups": true` turns them on).
    public init(name: String, url: String) {
        self.name = name
        self.url = url
        expect = Expectation()
        healthPath = nil
        tags = []
        probe = ProbeOptions(url: url)
        probe.followups = false
    }

    public init(
        name: String,
        url: String,
        method: String?,
        headers: [String],
        body: String?,
        expect: Expectation,
        healthPath: String?,
        samples: Int,
        timeoutMs: Int,
        connectTimeoutMs: Int?,
        tls: TLSOptions,
        certWarnDays: Int,
        dnsServer: DNSServer?,
        tags: [String],
        followups: Bool = false
    ) {
        self.init(name: name, url: url)
        self.method = method
        self.headers = headers
        self.body = body
        self.expect = expect
        self.healthPath = healthPath
        self.samples = samples
        self.timeoutMs = timeoutMs
        self.connectTimeoutMs = connectTimeoutMs
        self.tls = tls
        self.certWarnDays = certWarnDays
        self.dnsServer = dnsServer
        self.tags = tags
        self.followups = followups
    }

    // The config's names for what `probe` holds.
    public var method: String? {
        get { probe.method }
        set { probe.method = newValue }
    }
    /// `Name: value` lines, `${ENV}` already expanded.
    public var headers: [String] {
        get { probe.headers }
        set { probe.headers = newValue }
    }
    public var body: String? {
        get { probe.body.map { String(decoding: $0, as: UTF8.self) } }
        set { probe.body = newValue.map { Array($0.utf8) } }
    }
    public var samples: Int {
        get { probe.samples }
        set { probe.samples = newValue }
    }
    public var timeoutMs: Int {
        get { probe.maxTimeMs }
        set { probe.maxTimeMs = newValue }
    }
    public var connectTimeoutMs: Int? {
        get { probe.connectTimeoutMs }
        set { probe.connectTimeoutMs = newValue }
    }
    public var tls: TLSOptions {
        get { probe.tls }
        set { probe.tls = newValue }
    }
    public var certWarnDays: Int {
        get { probe.certWarnDays }
        set { probe.certWarnDays = newValue }
    }
    public var dnsServer: DNSServer? {
        get { probe.dnsServer }
        set { probe.dnsServer = newValue }
    }
    /// Follow-up requests after a failure (`"followups": true`).
    public var followups: Bool {
        get { probe.followups }
        set { probe.followups = newValue }
    }

    /// The URL actually probed (with `health_path` applied).
    public var probeURL: String {
        guard let healthPath else { return url }
        let parts = URLParts(url)
        return "\(parts.scheme)://\(parts.hostPort)\(healthPath.hasPrefix("/") ? healthPath : "/" + healthPath)"
    }

    public func probeOptions() -> ProbeOptions {
        var o = probe
        o.url = probeURL
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
