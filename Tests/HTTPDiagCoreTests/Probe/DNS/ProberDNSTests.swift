import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// DNS failure kinds and evidence against dnsmasq on 127.0.0.1 and a free port (TestDNS; and stubs for what
/// dnsmasq cannot answer).
@Suite("DNS through dnsmasq", .serialized)
struct ProberDNSTests {
    init() throws { try #require(TestDNS.started, "dnsmasq did not start") }

    func dnsCheck(_ host: String, port: Int = 9, _ configure: (inout ProbeOptions) -> Void = { _ in }) throws -> CheckReport {
        try check("http://\(host):\(port)/") {
            $0.dnsServer = TestDNS.server
            $0.dnsTimeoutMs = 3_000  // dnsmasq forwards servfail.test to a stub: allow for a loaded machine
            configure(&$0)
        }
    }

    @Test func nxdomain() throws {
        let report = try dnsCheck("nx.test")
        #expect(report.probes[0].error?.kind == .dnsNXDomain)
        #expect(report.probes[0].dns?.queries.map(\.rcode) == ["A": "NXDOMAIN", "AAAA": "NXDOMAIN"].sorted { $0.key < $1.key }.map(\.value))
        #expect(report.reason.contains("nx.test"))
    }

    @Test func servfailFromTheResolver() throws {
        let report = try dnsCheck("www.servfail.test")
        #expect(report.probes[0].error?.kind == .dnsServFail)
    }

    @Test func refused() throws {
        let report = try dnsCheck("unknown.example")
        #expect(report.probes[0].error?.kind == .dnsRefused)
    }

    @Test func timeoutWhenNoNameserverAnswers() throws {
        let silent = try LabDNSResponder(mode: .silent)
        let started = Date()
        let report = try check("http://anything.test/") { $0.dnsServer = DNSServer(host: "127.0.0.1", port: silent.port) }
        #expect(report.probes[0].error?.kind == .dnsTimeout)
        #expect(report.probes[0].dns?.queries.allSatisfy { $0.rcode == "TIMEOUT" } == true)
        #expect(Date().timeIntervalSince(started) < 1 + 2)
    }

    @Test func nameWithoutAddressRecords() throws {
        #expect(try dnsCheck("nodata.test").probes[0].error?.kind == .dnsNoAddress)
    }

    @Test func cnameChainWithTTLs() throws {
        let server = try labServer(.text(200, "ok"))
        let report = try dnsCheck("www.app.test", port: server.port)
        #expect(report.verdict == .ok)
        let dns = try #require(report.probes[0].dns)
        #expect(dns.cnameChain.map(\.target) == ["edge.cdn.test", "origin.app.test"])
        #expect(dns.cnameChain.map(\.ttl) == [300, 300])
        #expect(dns.addresses == ["127.0.0.1"])
        #expect(dns.source == "dns_server")
        #expect(dns.server == "127.0.0.1:\(TestDNS.port)")
    }

    @Test func severalAddressesAreEachProbed() throws {
        let a = try LabServer(host: "127.0.0.1") { _ in .text(200, "a") }
        let b = try LabServer(host: "127.0.0.2", port: a.port) { _ in .text(503, "b is down") }
        let report = try dnsCheck("multi.test", port: a.port) { $0.samples = 2 }
        // 127.0.0.1, 127.0.0.2 and ::1 (nothing listens there), two samples each.
        #expect(Set(report.probes.compactMap(\.address)) == ["127.0.0.1", "127.0.0.2", "::1"])
        #expect(report.probes.count == 6)
        #expect(report.probes.filter { $0.address == "127.0.0.2" }.allSatisfy { $0.response?.status == 503 })
        #expect(report.probes.filter { $0.address == "127.0.0.1" }.allSatisfy { $0.response?.status == 200 })
        #expect(report.probes.filter { $0.address == "::1" }.allSatisfy { $0.error?.kind == .connectRefused })
        #expect(report.reason.contains("of 6 probes failed"))
        _ = b
    }

    @Test func brokenIPv6PathShowsNextToWorkingIPv4() throws {
        var v4only = try labServer(.text(200, "ok"))
        // ::1 on that port held closed: a parallel test's server on [::1]:0 can get it.
        var closed = ClosedIPv6Port(v4only.port)
        if closed == nil {
            v4only = try labServer(.text(200, "ok"))
            closed = ClosedIPv6Port(v4only.port)
        }
        try #require(closed != nil, "[::1]:\(v4only.port) is taken")
        let report = try dnsCheck("v6.test", port: v4only.port)
        withExtendedLifetime(closed) {}
        let byFamily = Dictionary(grouping: report.probes, by: { $0.family ?? "" })
        #expect(byFamily["ipv4"]?.first?.response?.status == 200)
        #expect(byFamily["ipv6"]?.first?.error?.kind == .connectRefused)
        #expect(report.verdict == .critical)
    }

    @Test func noFanoutProbesOnce() throws {
        let server = try labServer(.text(200, "ok"))
        let report = try dnsCheck("multi.test", port: server.port) { $0.fanout = false }
        #expect(report.probes.count == 1)
    }

    @Test func directQueryRecordsRcodeAndAnswers() {
        #expect(TestDNS.started)
        let q = DirectDNS.query("multi.test", type: DirectDNS.typeA, server: TestDNS.server, timeoutMs: 1000)
        #expect(q.rcode == "NOERROR")
        #expect(Set(q.answers.map(\.data)) == ["127.0.0.1", "127.0.0.2"])
        #expect(q.answers.allSatisfy { $0.ttl == 60 })
    }
}

@Suite("TCP connect failures")
struct ProberConnectTests {
    @Test func connectTimeoutWhenSYNsAreDropped() throws {
        let blackhole = try LabBlackholeListener()
        let started = Date()
        let probe = try check("http://127.0.0.1:\(blackhole.port)/") { $0.connectTimeoutMs = 800 }.probes[0]
        #expect(probe.error?.kind == .connectTimeout)
        #expect(probe.error?.phase == "connect")
        #expect(Date().timeIntervalSince(started) < 0.8 + 2)
    }

    @Test func resolveFlagPinsAddresses() throws {
        let server = try labServer(.text(200, "pinned"))
        let report = try check("http://pinned.example:\(server.port)/") { $0.resolve = ["pinned.example:\(server.port):127.0.0.1"] }
        #expect(report.probes[0].response?.body == "pinned")
        #expect(report.probes[0].dns?.source == "resolve_flag")
    }
}
