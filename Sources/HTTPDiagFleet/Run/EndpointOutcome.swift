import HTTPDiagCore

/// One endpoint's result in a fleet run. A class: outcomes are passed around and
/// collected many times in a run of thousands, and copying the report in them is costly.
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
    /// The diagnosed report (for Markdown incident reports and metrics).
    public let report: CheckReport

    public init(name: String, url: String, tags: [String], verdict: Verdict, reason: String, latencyMs: Double, status: Int?,
                failureKind: String?, diagnosisIDs: [String], expectationFailures: [String], report: CheckReport) {
        self.name = name; self.url = url; self.tags = tags; self.verdict = verdict; self.reason = reason
        self.latencyMs = latencyMs; self.status = status; self.failureKind = failureKind; self.diagnosisIDs = diagnosisIDs
        self.expectationFailures = expectationFailures; self.report = report
    }
}
