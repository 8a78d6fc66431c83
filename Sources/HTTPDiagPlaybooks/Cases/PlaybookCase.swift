import HTTPDiagCore

/// One fixture of a playbook: recorded evidence and what the engine must conclude.
public struct PlaybookCase: Sendable {
    public enum Expectation: String, Sendable {
        case top
        case notTop = "not_top"
        case absent
    }

    public var name: String
    public var playbookID: String
    public var expect: Expectation
    public var file: String
    public var line: Int?
    public var probes: [ProbeResult]

    /// The evidence as a check report (verdicts as the prober would set them).
    public var report: CheckReport {
        let verdict = probes.map(\.verdict).max() ?? .unknown
        return CheckReport(
            verdict: verdict,
            reason: "fixture \(name)",
            target: Target(
                url: probes.first?.request.url ?? "",
                scheme: "https",
                host: "fixture",
                port: 443,
                method: probes.first?.request.method ?? "GET",
                samples: 1,
                burst: false,
                fanout: true
            ),
            startedAt: Date(timeIntervalSince1970: 0),
            durationMs: 0,
            probes: probes,
            tool: ToolInfo(name: "httpdiag", version: HTTPDiagVersion.current, libcurl: "fixture")
        )
    }
}

/// The outcome of one case.
public struct CaseResult: Sendable {
    public var testCase: PlaybookCase
    public var passed: Bool
    public var topID: String?
    public var diagnosisIDs: [String]
    /// For a failed `top` case: the playbook's conditions that did not hold.
    public var unmetConditions: [String]
}
