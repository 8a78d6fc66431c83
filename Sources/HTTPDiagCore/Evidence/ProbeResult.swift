/// One probe: one address, one sample. The unit of evidence everything else reads.
public struct ProbeResult: Codable, Sendable, Equatable {
    /// The address connected to, or nil when none was reached (DNS failure, proxy).
    public var address: String?
    /// `ipv4`, `ipv6` or nil.
    public var family: String?
    public var port: Int
    /// 1-based sample number.
    public var sample: Int
    public var startedAt: Date
    public var verdict: Verdict
    public var timings: Timings
    public var dns: DNSEvidence?
    public var tls: TLSEvidence?
    public var request: RequestEvidence
    public var response: ResponseEvidence?
    /// Redirects followed before the final response, in order.
    public var redirects: [RedirectHop]
    public var error: ProbeError?

    public init(address: String?, family: String?, port: Int, sample: Int, startedAt: Date,
                verdict: Verdict, timings: Timings, dns: DNSEvidence?, tls: TLSEvidence?,
                request: RequestEvidence, response: ResponseEvidence?, redirects: [RedirectHop],
                error: ProbeError?) {
        self.address = address; self.family = family; self.port = port; self.sample = sample
        self.startedAt = startedAt; self.verdict = verdict; self.timings = timings; self.dns = dns
        self.tls = tls; self.request = request; self.response = response
        self.redirects = redirects; self.error = error
    }
}
