/// The document `httpdiag check` produces (`--format json`); schema `httpdiag.check/v1`.
public struct CheckReport: Codable, Sendable {
    public static let schemaVersion = "httpdiag.check/v1"

    public var schema: String = CheckReport.schemaVersion
    public var verdict: Verdict
    /// One line: why this verdict.
    public var reason: String
    public var target: Target
    public var startedAt: Date
    public var durationMs: Double
    public var probes: [ProbeResult]
    /// Intermediaries identified from the worst probe's response and DNS, outermost first.
    public var hops: [Hop] = []
    /// Ranked root-cause diagnoses (filled by the playbook engine).
    public var diagnoses: [Diagnosis]
    public var tool: ToolInfo
    /// The secrets the report was probed with (not encoded): whoever renders the report
    /// passes the text through `OutputBoundary(report)` and gets it redacted, without
    /// having to find the probe options again.
    public var redaction = Redactor()

    enum CodingKeys: String, CodingKey {
        case schema, verdict, reason, target, startedAt, durationMs, probes, hops, diagnoses, tool
    }

    public init(
        verdict: Verdict,
        reason: String,
        target: Target,
        startedAt: Date,
        durationMs: Double,
        probes: [ProbeResult],
        diagnoses: [Diagnosis] = [],
        tool: ToolInfo,
        redaction: Redactor = Redactor()
    ) {
        self.verdict = verdict
        self.reason = reason
        self.target = target
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.probes = probes
        self.diagnoses = diagnoses
        self.tool = tool
        self.redaction = redaction
    }
}

public struct Target: Codable, Sendable, Equatable {
    /// Redacted URL as given.
    public var url: String
    public var scheme: String
    public var host: String
    public var port: Int
    public var method: String
    public var samples: Int
    public var burst: Bool
    public var fanout: Bool

    public init(url: String, scheme: String, host: String, port: Int, method: String, samples: Int, burst: Bool, fanout: Bool) {
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.method = method
        self.samples = samples
        self.burst = burst
        self.fanout = fanout
    }
}

public struct ToolInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var libcurl: String

    public init(name: String, version: String, libcurl: String) {
        self.name = name
        self.version = version
        self.libcurl = libcurl
    }
}

/// A named root cause with its evidence (see ROOT_CAUSES.md).
public struct Diagnosis: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var confidence: Double
    public var evidence: [String]
    public var remediation: [String]
    public var verify: [String]
    public var playbook: String
    public var layer: String
    public var severity: String
    /// For each look-alike that also matched: what would tell the two apart.
    public var tellApart: [String]?

    public init(
        id: String,
        title: String,
        confidence: Double,
        evidence: [String],
        remediation: [String],
        verify: [String],
        playbook: String,
        layer: String,
        severity: String,
        tellApart: [String]? = nil
    ) {
        self.tellApart = tellApart
        self.id = id
        self.title = title
        self.confidence = confidence
        self.evidence = evidence
        self.remediation = remediation
        self.verify = verify
        self.playbook = playbook
        self.layer = layer
        self.severity = severity
    }
}
