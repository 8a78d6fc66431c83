import HTTPDiagCore

/// One endpoint's result in a fleet run.
public struct EndpointOutcome: Sendable {
    public var name: String
    public var url: String
    public var tags: [String]
    public var verdict: Verdict
    public var reason: String
    public var latencyMs: Double
    public var status: Int?
    public var failureKind: String?
    public var diagnosisIDs: [String]
    public var expectationFailures: [String]
    /// The diagnosed report (for Markdown incident reports and metrics).
    public var report: CheckReport
}
