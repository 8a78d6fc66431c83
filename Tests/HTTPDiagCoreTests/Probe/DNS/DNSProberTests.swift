import Foundation
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The DNS layer's prober on its own, through its LayerProber signature, against dnsmasq
/// on loopback (TestDNS).
@Suite("DNS prober", .serialized)
struct DNSProberTests {
    init() throws { try #require(TestDNS.started, "dnsmasq did not start") }

    func probe(_ host: String, _ configure: (inout ProbeOptions) -> Void = { _ in }) async throws -> LayerOutcome<AddressPlan> {
        let context = try ProbeContext.forTesting("http://\(host):9/") {
            $0.dnsServer = TestDNS.server
            $0.dnsTimeoutMs = 3_000
            configure(&$0)
        }
        return await DNSProber().probe(DNSQuestion(target: context.target, proxy: nil), context: context)
    }

    @Test func isTheRegisteredDNSLayer() {
        #expect(DNSProber.layer == .dns)
        #expect(type(of: ProberRegistry.standard.dns).layer == .dns)
    }

    @Test func everyAddressOfANameWithItsQueries() throws {
        try onThisThread {
            let outcome = try await probe("multi.test")
            #expect(outcome.failure == nil)
            #expect(Set(outcome.evidence.addresses) == ["127.0.0.1", "127.0.0.2", "::1"])
            #expect(outcome.evidence.pin, "fan-out pins each address")
            let dns = try #require(outcome.evidence.dns)
            #expect(dns.source == "dns_server")
            #expect(dns.queries.map(\.type).sorted() == ["A", "AAAA"])
            #expect(dns.queries.allSatisfy { $0.rcode == "NOERROR" })
        }
    }

    @Test func theCNAMEChainIsFollowed() throws {
        try onThisThread {
            let outcome = try await probe("www.app.test")
            #expect(outcome.failure == nil)
            #expect(outcome.evidence.addresses == ["127.0.0.1"])
            #expect(outcome.evidence.dns?.cnameChain.map { $0.target.trimmingDot() } == ["edge.cdn.test", "origin.app.test"])
        }
    }

    @Test func aNameThatDoesNotExistIsTheLayersFailure() throws {
        try onThisThread {
            let outcome = try await probe("nx.test")
            #expect(outcome.failure?.kind == .dnsNXDomain)
            #expect(outcome.failure?.phase == "dns")
            #expect(outcome.failure == outcome.evidence.failure)
            #expect(outcome.evidence.addresses.isEmpty)
        }
    }

    @Test func aNameWithoutAddressRecords() throws {
        try onThisThread {
            let outcome = try await probe("nodata.test")
            #expect(outcome.failure?.kind == .dnsNoAddress)
        }
    }

    @Test func resolveFlagDecidesWithoutALookup() throws {
        try onThisThread {
            let outcome = try await probe("nx.test") { $0.resolve = ["nx.test:9:127.0.0.9"] }
            #expect(outcome.failure == nil)
            #expect(outcome.evidence.addresses == ["127.0.0.9"])
            #expect(outcome.evidence.dns?.source == "resolve_flag")
            #expect(outcome.evidence.dns?.queries.isEmpty == true, "no query went out")
        }
    }
}
