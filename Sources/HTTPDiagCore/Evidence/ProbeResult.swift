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
    /// Follow-up probes run after this probe failed (only on the check's primary failed
    /// probe; empty otherwise, and with `--no-followup`).
    public var followups: [FollowUp]
    /// The body as received (after decoding with --compressed), up to --max-download, when
    /// the check was asked to keep it (-o); not part of the document. Raw: it goes out only
    /// through `OutputBoundary.pass(bytes:)`.
    public var receivedBody: [UInt8]?

    public init(
        address: String?,
        family: String?,
        port: Int,
        sample: Int,
        startedAt: Date,
        verdict: Verdict,
        timings: Timings,
        dns: DNSEvidence?,
        tls: TLSEvidence?,
        request: RequestEvidence,
        response: ResponseEvidence?,
        redirects: [RedirectHop],
        error: ProbeError?,
        followups: [FollowUp] = []
    ) {
        self.address = address
        self.family = family
        self.port = port
        self.sample = sample
        self.startedAt = startedAt
        self.verdict = verdict
        self.timings = timings
        self.dns = dns
        self.tls = tls
        self.request = request
        self.response = response
        self.redirects = redirects
        self.error = error
        self.followups = followups
    }

    enum CodingKeys: String, CodingKey {
        case address, family, port, sample, startedAt, verdict, timings, dns, tls, request, response, redirects, error, followups
    }

    /// `followups` is optional on input: documents written before it existed still load.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        family = try c.decodeIfPresent(String.self, forKey: .family)
        port = try c.decode(Int.self, forKey: .port)
        sample = try c.decode(Int.self, forKey: .sample)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        timings = try c.decode(Timings.self, forKey: .timings)
        dns = try c.decodeIfPresent(DNSEvidence.self, forKey: .dns)
        tls = try c.decodeIfPresent(TLSEvidence.self, forKey: .tls)
        request = try c.decode(RequestEvidence.self, forKey: .request)
        response = try c.decodeIfPresent(ResponseEvidence.self, forKey: .response)
        redirects = try c.decode([RedirectHop].self, forKey: .redirects)
        error = try c.decodeIfPresent(ProbeError.self, forKey: .error)
        followups = try c.decodeIfPresent([FollowUp].self, forKey: .followups) ?? []
    }
}
