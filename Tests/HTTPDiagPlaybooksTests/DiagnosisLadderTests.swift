import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The ladder (specific → hop role → status → failure kind) never leaves a failed check
/// without a cause, and never diagnoses a healthy one.
@Suite("Diagnosis ladder")
struct DiagnosisLadderTests {
    static let engine = DiagnosisEngine(library: PlaybookFixtureTests.library)

    /// The hops a response can show: none, a known proxy's canned page, a CDN passing an
    /// origin's answer through, an unknown server by `Server:` only.
    static let hopVariants: [(String, [HeaderField], @Sendable (Int) -> String)] = [
        ("no hop", [], { _ in "" }),
        (
            "nginx page", [HeaderField(name: "Server", value: "nginx")],
            {
                "<html><head><title>\($0) \(HTTPStatus.reason($0))</title></head><body><center><h1>\($0)</h1></center><hr><center>nginx</center></body></html>"
            }
        ),
        (
            "through a CDN", [HeaderField(name: "Via", value: "1.1 abc.cloudfront.net (CloudFront)"), HeaderField(name: "X-Amz-Cf-Id", value: "x")],
            { _ in "{\"error\":\"x\"}" }
        ),
        ("unknown server", [HeaderField(name: "Server", value: "acme-edge/3")], { _ in "" }),
    ]

    static func probe(kind: FailureKind?, status: Int?, hop: (String, [HeaderField], @Sendable (Int) -> String)) -> ProbeResult {
        let response = status.map { ResponseEvidence(httpVersion: "1.1", status: $0, reason: HTTPStatus.reason($0), headers: hop.1, body: hop.2($0)) }
        let error = kind.map { ProbeError(kind: $0, message: $0.summary, phase: "fixture") }
        return ProbeResult(
            address: "127.0.0.1",
            family: "ipv4",
            port: 443,
            sample: 1,
            startedAt: Date(timeIntervalSince1970: 0),
            verdict: error == nil ? .ok : .critical,
            timings: Timings(totalMs: 5),
            dns: nil,
            tls: nil,
            request: RequestEvidence(method: "GET", url: "https://app.example.com/x"),
            response: response,
            redirects: [],
            error: error
        )
    }

    static func report(_ probe: ProbeResult) -> CheckReport {
        CheckReport(
            verdict: probe.verdict,
            reason: "ladder",
            target: Target(
                url: probe.request.url,
                scheme: "https",
                host: "app.example.com",
                port: 443,
                method: "GET",
                samples: 1,
                burst: false,
                fanout: false
            ),
            startedAt: probe.startedAt,
            durationMs: 5,
            probes: [probe],
            tool: ToolInfo(name: "httpdiag", version: HTTPDiagVersion.current, libcurl: "test")
        )
    }

    /// Every failure kind × every status 400-599 (and no response) × every hop variant.
    @Test func everyFailedResultHasADiagnosis() throws {
        try #require(!PlaybookFixtureTests.playbooks.isEmpty)
        var empty: [String] = []
        var checked = 0
        for kind in FailureKind.allCases {
            let statuses: [Int?] = kind == .httpStatus ? Array(400...599) : [nil] + Array(400...599)
            for status in statuses {
                for hop in Self.hopVariants where status != nil || hop.0 == "no hop" {
                    let diagnosed = Self.engine.diagnose(Self.report(Self.probe(kind: kind, status: status, hop: hop)))
                    checked += 1
                    if diagnosed.verdict != .ok && diagnosed.diagnoses.isEmpty {
                        empty.append("\(kind.rawValue) \(status.map(String.init) ?? "-") \(hop.0)")
                    }
                }
            }
        }
        #expect(checked > 20_000)
        #expect(empty.prefix(20) == [], "no diagnosis for \(empty.count) of \(checked) failed results")
    }

    /// Healthy answers (2xx and 3xx without an error) get no diagnosis.
    @Test func healthyResultsHaveNone() {
        var diagnosed: [String] = []
        for status in [200, 201, 204, 206, 301, 302, 304, 307, 308] {
            for hop in Self.hopVariants {
                let report = Self.engine.diagnose(Self.report(Self.probe(kind: nil, status: status, hop: hop)))
                if !report.diagnoses.isEmpty || report.verdict != .ok {
                    diagnosed.append("\(status) \(hop.0): \(report.diagnoses.map(\.id))")
                }
            }
        }
        #expect(diagnosed == [])
    }

    /// The generic rungs rank below a specific cause that also holds.
    @Test func specificOutranksGeneric() throws {
        try #require(!PlaybookFixtureTests.playbooks.isEmpty)
        let report = Self.engine.diagnose(Self.report(Self.probe(kind: .httpStatus, status: 502, hop: Self.hopVariants[1])))
        let ids = report.diagnoses.map(\.id)
        #expect(ids.first == "upstream_unavailable")
        let serverError = try #require(ids.firstIndex(of: "server_error"))
        #expect(serverError == ids.count - 1, "the catch-all ranks last: \(ids)")
    }
}
