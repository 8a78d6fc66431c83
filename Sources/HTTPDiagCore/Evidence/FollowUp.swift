/// One extra, read-only request httpdiag made after the primary probe failed, to tell
/// look-alike causes apart (the port speaks TLS, the server is rate limiting, the other
/// address family works, ...). At most `FollowUpPlanner.maxPerCheck` per check, never
/// with credentials, GET/HEAD or a bare handshake only.
public struct FollowUp: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A handshake-only TLS connection to a port that was spoken to in plain HTTP.
        case tlsHello = "tls_hello"
        /// A plain HTTP request to a port where TLS got a non-TLS answer.
        case plainHTTP = "plain_http"
        /// The same request (GET/HEAD, no credentials) again after a short pause.
        case spacedRetry = "spaced_retry"
        /// A bare TCP connect, then whether anything comes back.
        case tcpConnect = "tcp_connect"
        /// The same request to an address of the other family (IPv4 / IPv6).
        case otherFamily = "other_family"
        /// One HTTP/2 GET of httpdiag's own, to read the RST_STREAM or GOAWAY error code
        /// that libcurl does not report.
        case http2Request = "http2_request"
    }

    public var kind: Kind
    /// `address:port` (`[v6]:port`) the follow-up went to, redacted.
    public var target: String
    public var startedAt: Date
    public var durationMs: Double
    /// What came back: an HTTP status (`"503"`), a failure kind (`connect_timeout`), or
    /// what a bare connection saw (`tls_handshake_done`, `tls_alert`, `accepted_no_reply`, ...).
    public var outcome: String
    /// The HTTP status, when a response came back.
    public var status: Int?
    /// A short machine word for the conclusion (`tls_on_plain_port`, `retry_succeeded`, ...).
    public var finding: String
    /// One line for humans, redacted.
    public var summary: String
    /// The HTTP/2 error code of a RST_STREAM or GOAWAY (RFC 9113 §7), and its name.
    public var http2ErrorCode: Int?
    public var http2Error: String?

    public init(
        kind: Kind,
        target: String,
        startedAt: Date,
        durationMs: Double,
        outcome: String,
        status: Int? = nil,
        finding: String,
        summary: String
    ) {
        self.kind = kind
        self.target = target
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.outcome = outcome
        self.status = status
        self.finding = finding
        self.summary = summary
    }
}
