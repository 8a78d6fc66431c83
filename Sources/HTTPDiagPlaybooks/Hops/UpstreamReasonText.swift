/// What a gateway's 502/503/504 page says about the hop behind it, read from the wording
/// gateways use for it when the hop's signature names no reason of its own (or no
/// signature matched at all: an unknown proxy). The first match wins; the wordings are the
/// ones of nginx's error log, HAProxy's and Varnish's templates, Kong, Squid's
/// ERR_* pages, IIS ARR's 502.3 and Envoy's reset reasons.
enum UpstreamReasonText {
    static let table: [(pattern: String, means: String)] = [
        (
            "no healthy upstream|no live upstreams|No server is available|no available server|failure to get a peer from the ring-balancer|no endpoints available|Backend not available",
            "no_healthy"
        ),
        (
            "connection refused|ECONNREFUSED|reset reason: connection failure|ERR_CONNECT_FAIL|could not connect to (the )?(upstream|backend|server)",
            "refused"
        ),
        ("timed? ?out|timeout|didn't respond in time|took too long|backend read error|first byte timeout|between bytes timeout", "timeout"),
        (
            "invalid (or incomplete )?(response|header)|malformed|upstream sent|bad response|protocol error|An invalid response was received",
            "invalid"
        ),
        ("connection reset|reset by peer|upstream prematurely closed|connection termination|remote reset|ECONNRESET|EPIPE", "reset"),
        ("could not resolve|Name or service not known|DNS (lookup|resolution) failed|ERR_DNS_FAIL|NXDOMAIN", "dns"),
        ("\\bSSL\\b|TLS handshake|certificate verify failed|CERTIFICATE_VERIFY_FAILED", "tls"),
    ]

    static func infer(status: Int, body: String) -> String? {
        guard [502, 503, 504].contains(status), !body.isEmpty else { return nil }
        let head = String(body.prefix(4096))
        return table.first { RegexCache.matches($0.pattern, head) }?.means
    }
}
