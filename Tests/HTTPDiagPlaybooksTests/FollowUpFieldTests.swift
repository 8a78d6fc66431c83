import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// Playbooks can name follow-up findings: `field: {path: "followups[].finding", equals: ...}`.
@Suite("Follow-ups in the evidence catalog")
struct FollowUpFieldTests {
    @Test func followUpPathsAreKnown() {
        for path in [
            "followups", "followups[]", "followups[].kind", "followups[].finding", "followups[].outcome",
            "followups[].status", "followups[].target", "followups[].summary", "tls.alert_sent.name",
        ] {
            #expect(FieldCatalog.knownPaths.contains(path), "\(path)")
        }
        #expect(ProbeFacts(FieldCatalog.example).values("followups[].finding") == [.string("f")])
    }

    @Test func aPlaybookMatchesOnAFinding() throws {
        let dir = try makeTemporaryDirectory("pb-followup")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        id: sample_tls_port
        title: The port speaks TLS
        layer: tls
        severity: critical
        confidence: 0.9
        when:
          - failure: empty_reply
          - field: {path: "followups[].finding", equals: tls_on_plain_port}
        explanation: A ClientHello on the same port got {{field:followups[].outcome}}.
        remediation: [use https]
        verify: [check it]
        """.write(toFile: dir + "/sample_tls_port.yaml", atomically: true, encoding: .utf8)
        let engine = DiagnosisEngine(playbooks: try PlaybookLoader.load(directories: [dir]))
        var probe = FieldCatalog.example
        probe.error = ProbeError(kind: .emptyReply, message: "m", phase: "response")
        probe.verdict = .critical
        probe.response = nil
        func report(_ p: ProbeResult) -> CheckReport {
            CheckReport(
                verdict: .critical,
                reason: "r",
                target: Target(
                    url: "http://x/",
                    scheme: "http",
                    host: "x",
                    port: 80,
                    method: "GET",
                    samples: 1,
                    burst: false,
                    fanout: false
                ),
                startedAt: Date(),
                durationMs: 1,
                probes: [p],
                tool: ToolInfo(name: "httpdiag", version: "0", libcurl: "")
            )
        }
        #expect(engine.diagnose(report(probe)).diagnoses.isEmpty, "finding f is not tls_on_plain_port")
        probe.followups = [
            FollowUp(
                kind: .tlsHello,
                target: "127.0.0.1:80",
                startedAt: Date(),
                durationMs: 1,
                outcome: "tls_handshake_done",
                finding: "tls_on_plain_port",
                summary: "s"
            )
        ]
        let diagnosis = try #require(engine.diagnose(report(probe)).diagnoses.first)
        #expect(diagnosis.id == "sample_tls_port")
        #expect(diagnosis.evidence.first == "A ClientHello on the same port got tls_handshake_done.")
    }
}
