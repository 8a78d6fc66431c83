/// One intermediary a request crossed (CloudFront, an ALB, API Gateway, S3, nginx, ...),
/// outermost first, with the evidence that identified it.
public struct Hop: Codable, Sendable, Equatable {
    /// The signature's name (`Playbooks/hops/<name>.yaml`), or `origin` when no
    /// intermediary produced the response.
    public var name: String
    /// What kind of hop it is: `cdn`, `waf`, `api-gateway`, `load-balancer`, `proxy`,
    /// `web-server`, `app-server`, `storage`, `serverless`, `identity`, or `origin`.
    public var role: String?
    /// The quoted headers, body fragments or DNS names that identified it.
    public var evidence: [String]
    /// This hop produced the response (rather than passing it through).
    public var generatedResponse: Bool
    /// What the hop's own error page or header says about the hop behind it: `refused`,
    /// `timeout`, `invalid`, `no_healthy`, `reset`, `dns`, `tls`, `overload`,
    /// `rate_limited`, `denied`, `too_large`.
    public var upstream: String?

    public init(name: String, role: String? = nil, evidence: [String], generatedResponse: Bool, upstream: String? = nil) {
        self.name = name
        self.role = role
        self.evidence = evidence
        self.generatedResponse = generatedResponse
        self.upstream = upstream
    }
}
