import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// ProberRegistry: every prober is registered there, and a check asks the one registered.
@Suite("Prober registry")
struct ProberRegistryTests {
    @Test(arguments: FollowUp.Kind.allCases)
    func everyFollowUpKindHasItsProber(kind: FollowUp.Kind) throws {
        let prober = try #require(ProberRegistry.standard.followUps[kind], "no prober registered for \(kind)")
        #expect(type(of: prober).kind == kind)
    }

    @Test func eachLayerHasItsProber() {
        let r = ProberRegistry.standard
        let layers = [type(of: r.dns).layer, type(of: r.tcp).layer, type(of: r.tls).layer, type(of: r.http).layer]
        #expect(layers == ProbeLayer.allCases)
    }

    /// A follow-up prober of a test's own, registered for tcp_connect: the check asks it.
    struct FixedTCPFollowUp: FollowUpProber {
        static let kind = FollowUp.Kind.tcpConnect
        static let layer = ProbeLayer.tcp
        func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
            LayerOutcome(
                evidence: FollowUp(
                    kind: .tcpConnect,
                    target: "\(question.primary.address ?? ""):\(question.primary.port)",
                    startedAt: context.now(),
                    durationMs: 0,
                    outcome: "registered",
                    finding: "from_the_registered_prober",
                    summary: "asked by step \(question.step)"
                )
            )
        }
    }

    @Test func aRegisteredFollowUpIsTheOneAsked() throws {
        try onThisThread {
            let silent = try SilentListener()
            var probers = ProberRegistry.standard
            probers.followUps[.tcpConnect] = FixedTCPFollowUp()
            var options = ProbeOptions(url: silent.url)
            options.maxTimeMs = 800
            let report = try await Prober.check(options, probers: probers, now: { Date() })
            #expect(report.probes[0].error?.kind == .timeout)
            #expect(report.probes[0].followups.map(\.finding) == ["from_the_registered_prober"])
            #expect(report.probes[0].followups.first?.target == "127.0.0.1:\(silent.port)")
        }
    }

    /// A DNS prober of a test's own that knows one name: the check connects where it says.
    struct OneNameDNS: LayerProber {
        static let layer = ProbeLayer.dns
        let address: String
        func probe(_ question: DNSQuestion, context: ProbeContext) async -> LayerOutcome<AddressPlan> {
            let dns = DNSEvidence(name: question.target.host, source: "resolve_flag", addresses: [address])
            return LayerOutcome(evidence: AddressPlan(addresses: [address], dns: dns, failure: nil, pin: true))
        }
    }

    @Test func aRegisteredLayerProberIsTheOneAsked() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello"))
            var probers = ProberRegistry.standard
            probers.dns = OneNameDNS(address: "127.0.0.1")
            var options = ProbeOptions(url: "http://only-the-test-knows.invalid:\(server.port)/")
            options.maxTimeMs = 3_000
            let report = try await Prober.check(options, probers: probers, now: { Date() })
            #expect(report.probes[0].error == nil)
            #expect(report.probes[0].response?.body == "hello")
            #expect(report.probes[0].address == "127.0.0.1")
        }
    }
}
