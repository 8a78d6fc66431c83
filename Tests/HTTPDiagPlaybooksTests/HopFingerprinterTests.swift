import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

@Suite("Hop fingerprinter")
struct HopFingerprinterTests {
    static let hops = PlaybookFixtureTests.library.hops

    static func probe(_ status: Int, _ headers: [(String, String)], _ body: String) -> ProbeResult {
        ProbeResult(
            address: "127.0.0.1",
            family: "ipv4",
            port: 80,
            sample: 1,
            startedAt: Date(timeIntervalSince1970: 0),
            verdict: .critical,
            timings: Timings(),
            dns: nil,
            tls: nil,
            request: RequestEvidence(method: "GET", url: "http://127.0.0.1/"),
            response: ResponseEvidence(
                httpVersion: "1.1",
                status: status,
                reason: HTTPStatus.reason(status),
                headers: headers.map { HeaderField(name: $0.0, value: $0.1) },
                body: body
            ),
            redirects: [],
            error: ProbeError(kind: .httpStatus, message: "\(status)", phase: "response")
        )
    }

    /// A hop known only by `Server:` generated a short page that names the status...
    @Test func serverHeaderOnlyHopGeneratesItsCannedPage() throws {
        try #require(Self.hops.contains { $0.name == "nginx" })
        let hops = HopFingerprinter.hops(
            of: Self.probe(503, [("Server", "nginx")], "<html><title>503 Service Temporarily Unavailable</title></html>"),
            signatures: Self.hops
        )
        #expect(hops.map(\.name) == ["nginx"])
        #expect(hops.first?.generatedResponse == true)
    }

    /// ... but not the application's JSON error it passes through.
    @Test func serverHeaderOnlyHopPassesApplicationErrorsThrough() throws {
        try #require(Self.hops.contains { $0.name == "nginx" })
        let hops = HopFingerprinter.hops(of: Self.probe(500, [("Server", "nginx")], "{\"error\":\"database is down\"}"), signatures: Self.hops)
        #expect(hops.map(\.name) == ["nginx", "origin"])
        #expect(hops.last?.generatedResponse == true)
    }

    /// ... nor an application's designed error page (Rails' public/500.html) behind it.
    @Test func designedApplicationPagesAreNotCanned() throws {
        try #require(Self.hops.contains { $0.name == "nginx" })
        let page =
            "<!DOCTYPE html><html><head><title>We're sorry, but something went wrong (500)</title><style>body { color: #666; }</style></head><body><h1>We're sorry, but something went wrong.</h1></body></html>"
        let hops = HopFingerprinter.hops(of: Self.probe(500, [("Server", "nginx")], page), signatures: Self.hops)
        #expect(hops.map(\.name) == ["nginx", "origin"])
    }

    /// An unknown gateway's page still says why its upstream failed.
    @Test func upstreamReasonFromAnUnknownGatewaysWording() {
        let cases: [(Int, String, String?)] = [
            (502, "upstream connect error or disconnect/reset before headers. reset reason: connection failure", "refused"),
            (504, "The upstream server timed out", "timeout"),
            (502, "An invalid response was received from the upstream server", "invalid"),
            (503, "no healthy upstream", "no_healthy"),
            (502, "", nil),
            (500, "connection refused", nil),
        ]
        for (status, body, expected) in cases {
            let hops = HopFingerprinter.hops(of: Self.probe(status, [], body), signatures: [])
            #expect(hops.last?.upstream == expected, "\(status) \(body)")
        }
    }
}
