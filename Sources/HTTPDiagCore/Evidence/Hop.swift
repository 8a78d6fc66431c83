/// One intermediary a request crossed (CloudFront, an ALB, API Gateway, S3, nginx, ...),
/// outermost first, with the evidence that identified it.
public struct Hop: Codable, Sendable, Equatable {
    /// `cloudflare`, `cloudfront`, `waf`, `apigateway-rest`, `apigateway-http`,
    /// `lambda-url`, `alb`, `nginx`, `envoy`, `apache`, `s3`, `lambda`, `cognito`, `origin`.
    public var name: String
    /// The quoted headers, body fragments or DNS names that identified it.
    public var evidence: [String]
    /// This hop produced the response (rather than passing it through).
    public var generatedResponse: Bool

    public init(name: String, evidence: [String], generatedResponse: Bool) {
        self.name = name; self.evidence = evidence; self.generatedResponse = generatedResponse
    }
}
