import HTTPDiagCore
import HTTPDiagPlaybooks

/// One endpoint's result in a fleet run. A class: outcomes are passed around and
/// collected many times in a run of thousands, and copying the report in them is costly.
/// The full report lives only until the outcome is recorded (`compacted()` drops it), so
/// a run of 100,000 endpoints keeps what its output lines and metrics need, not 100,000
/// reports with their bodies.
public final class EndpointOutcome: Sendable {
    public let name: String
    public let url: String
    public let tags: [String]
    public let verdict: Verdict
    public let reason: String
    public let latencyMs: Double
    public let status: Int?
    public let failureKind: String?
    public let diagnosisIDs: [String]
    public let expectationFailures: [String]
    /// What the Prometheus textfile needs, kept after the report is dropped.
    public let metrics: ProbeMetrics
    /// The diagnosed report (for Markdown incident reports); nil once compacted.
    public let report: CheckReport?
    /// The secrets of the endpoint's request (the report's), kept after compaction: every
    /// output of the outcome (its line, a state row, a webhook) is redacted with them.
    public let redaction: Redactor

    public init(
        name: String,
        url: String,
        tags: [String],
        verdict: Verdict,
        reason: String,
        latencyMs: Double,
        status: Int?,
        failureKind: String?,
        diagnosisIDs: [String],
        expectationFailures: [String],
        report: CheckReport
    ) {
        self.name = name
        self.url = url
        self.tags = tags
        self.verdict = verdict
        self.reason = reason
        self.latencyMs = latencyMs
        self.status = status
        self.failureKind = failureKind
        self.diagnosisIDs = diagnosisIDs
        self.expectationFailures = expectationFailures
        self.report = report
        self.metrics = ProbeMetrics(report)
        self.redaction = report.redaction
    }

    init(copying o: EndpointOutcome) {
        name = o.name
        url = o.url
        tags = o.tags
        verdict = o.verdict
        reason = o.reason
        latencyMs = o.latencyMs
        status = o.status
        failureKind = o.failureKind
        diagnosisIDs = o.diagnosisIDs
        expectationFailures = o.expectationFailures
        metrics = o.metrics
        report = nil
        redaction = o.redaction
    }

    /// The same outcome without its report.
    public func compacted() -> EndpointOutcome { report == nil ? self : EndpointOutcome(copying: self) }
}

/// The numbers of one probe that the textfile exports.
public struct ProbeMetrics: Sendable {
    public struct Phases: Sendable { public var dnsMs, connectMs, tlsMs, processingMs, transferMs: Double }
    public var durationMs: Double
    public var phases: Phases?
    /// Earliest notAfter of the certificate chain, Unix seconds.
    public var certNotAfter: Double?

    init(_ report: CheckReport) {
        durationMs = report.durationMs
        let probe = DiagnosisEngine.primaryProbe(report.probes)
        phases = probe.map { p in
            let t = p.timings
            return Phases(dnsMs: t.dnsMs, connectMs: t.connectMs, tlsMs: t.tlsMs, processingMs: t.sendMs + t.waitMs, transferMs: t.transferMs)
        }
        certNotAfter = probe?.tls?.chain.compactMap(\.notAfter).min()?.timeIntervalSince1970
    }
}
