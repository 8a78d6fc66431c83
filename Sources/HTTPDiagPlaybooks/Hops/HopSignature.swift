import HTTPDiagCore

/// How one kind of intermediary shows itself on the wire, loaded from
/// `Playbooks/hops/<name>.yaml` (docs/playbooks.md, "Hop signatures"). A hop is identified
/// when any of its signals is present; each signal quotes what it saw as evidence.
public struct HopSignature: Sendable {
    public enum Signal: Sendable {
        /// A header whose value matches (case-insensitive regex; "" = any value).
        case header(String, String)
        /// The body contains this text (case-sensitive).
        case bodyContains(String)
        /// The body matches this case-insensitive regex.
        case bodyMatches(String)
        /// A CNAME target in the chain matches this regex.
        case cname(String)

        var isServerHeader: Bool { if case .header(let n, _) = self { n.lowercased() == "server" } else { false } }
    }

    /// What a hop's error page says about its upstream, as one word
    /// (refused, timeout, invalid, no_healthy, reset, dns, tls, overload, rate_limited, denied).
    public struct UpstreamReason: Sendable {
        public var signal: Signal
        public var means: String
    }

    public var name: String
    public var title: String
    /// cdn, load-balancer, proxy, api-gateway, waf, web-server, app-server, storage, serverless, identity.
    public var role: String
    /// Position from the client: smaller is outermost.
    public var order: Int
    public var signals: [Signal]
    /// Signals that mean this hop produced the response itself.
    public var generatedSignals: [Signal]
    public var upstreamReasons: [UpstreamReason]
    /// Where the signals come from.
    public var source: [String]
    public var file: String

    public static let roles: [String] = [
        "cdn", "waf", "api-gateway", "load-balancer", "proxy", "web-server",
        "app-server", "storage", "serverless", "identity",
    ]
    public static let upstreamMeanings: [String] = [
        "refused", "timeout", "invalid", "no_healthy", "reset", "dns", "tls",
        "overload", "rate_limited", "denied", "too_large",
    ]
    /// Roles whose own 502/503/504 means the hop behind them failed.
    public static let gatewayRoles: Set<String> = ["cdn", "load-balancer", "proxy", "api-gateway", "web-server"]
}
