import HTTPDiagCore

/// One root cause as data: when it applies, how sure it is, what to do about it.
/// Loaded from `Playbooks/<id>.yaml`; documented in docs/playbooks.md.
public struct Playbook: Sendable {
    public var id: String
    public var title: String
    /// `dns`, `tcp`, `tls`, `cdn`, `waf`, `s3`, `aws-auth`, `load-balancer`, `proxy`,
    /// `api-gateway`, `lambda`, `auth`, `http`.
    public var layer: String
    /// `critical`, `warning` or `info`: raises the verdict of a probe it matches.
    public var severity: String
    public var confidence: Double
    /// All must hold.
    public var when: [Condition]
    /// One or two sentences; `{{...}}` placeholders quote the evidence.
    public var explanation: String
    public var remediation: [String]
    public var verify: [String]
    public var references: [String]
    /// HTTP statuses this cause shows as (for `httpdiag explain 502`); derived from `when`.
    public var statuses: [Int] { when.flatMap(\.statuses) }
    /// The file it came from.
    public var file: String

    public static let layers: Set<String> = ["dns", "tcp", "tls", "cdn", "waf", "s3", "aws-auth", "load-balancer",
                                             "proxy", "api-gateway", "lambda", "auth", "http"]
    public static let severities: Set<String> = ["critical", "warning", "info"]
}
