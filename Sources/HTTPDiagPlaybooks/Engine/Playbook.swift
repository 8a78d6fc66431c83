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
    /// The prior: how often this cause is the right one when its conditions hold, before
    /// weighing the evidence (docs/playbooks.md, "Ranking").
    public var confidence: Double
    /// All must hold.
    public var when: [Condition]
    /// Each that holds is more evidence for this cause and raises its score (optional).
    public var support: [Condition] = []
    /// Each that holds is evidence against this cause and lowers its score.
    public var against: [Condition] = []
    /// Causes that look the same on the wire, and what tells them apart.
    public var lookAlikes: [LookAlike] = []
    /// One or two sentences; `{{...}}` placeholders quote the evidence.
    public var explanation: String
    public var remediation: [String]
    public var verify: [String]
    public var references: [String]
    /// HTTP statuses this cause shows as (for `httpdiag explain 502`); derived from `when`.
    public var statuses: [Int] { when.flatMap(\.statuses) }
    /// The file it came from.
    public var file: String

    public static let layers: Set<String> = [
        "dns", "tcp", "tls", "cdn", "waf", "s3", "aws-auth", "load-balancer",
        "proxy", "api-gateway", "lambda", "auth", "http",
    ]
    public static let severities: Set<String> = ["critical", "warning", "info"]
}

/// A cause that looks the same on the wire as another, and what tells the two apart.
public struct LookAlike: Sendable {
    public var id: String
    public var tell: String
    public var line: Int?
}

/// Playbooks and the hop signatures they name, loaded together.
public struct PlaybookLibrary: Sendable {
    public var playbooks: [Playbook]
    public var hops: [HopSignature]
    public init(playbooks: [Playbook], hops: [HopSignature]) {
        self.playbooks = playbooks
        self.hops = hops
    }
}
