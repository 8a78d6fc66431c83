import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// A failure after a redirect belongs to the hop where it happened, with the hops before
/// it in the evidence and real timings (issue 9 §2). Names resolve through the test
/// dnsmasq (TestDNS, 127.0.0.1 and a free port, `--dns-server`), as for the first hop.
@Suite("Failures after a redirect", .serialized)
struct RedirectFailureTests {
    init() throws { try #require(TestDNS.started, "dnsmasq did not start") }

    @Test func aNameThatDoesNotResolveIsBlamedOnItsOwnHop() throws {
        let origin = try labServer(.redirect("http://h1.nx.test:8080/after"))
        let report = try check(origin.baseURL + "/start") {
            $0.dnsServer = TestDNS.server
            $0.followups = false
        }
        let probe = report.probes[0]
        #expect(probe.error?.kind == .dnsNXDomain)
        #expect(probe.error?.phase == "dns")
        // The hop that failed is named, not the first host.
        #expect(report.reason.contains("h1.nx.test"), "\(report.reason)")
        #expect(!report.reason.contains("for 127.0.0.1"), "\(report.reason)")
        #expect(probe.error?.message.contains("h1.nx.test") == true, "\(probe.error?.message ?? "")")
        #expect(probe.error?.message.contains("302") == true, "the redirect that led there: \(probe.error?.message ?? "")")
        #expect(probe.request.url == "http://h1.nx.test:8080/after")
        #expect(probe.port == 8080)
        #expect(probe.address == nil, "no address was reached on the failing hop")
        // The DNS evidence is the failing name's: rcodes from the nameserver that was asked.
        #expect(probe.dns?.name == "h1.nx.test")
        #expect(probe.dns?.queries.map(\.rcode) == ["NXDOMAIN", "NXDOMAIN"])
        // The 302 hop is in the evidence, with its real time; the lookup has its own.
        #expect(probe.redirects.map(\.status) == [302])
        #expect(probe.redirects.first?.address == "127.0.0.1")
        #expect((probe.redirects.first?.totalMs ?? 0) > 0)
        #expect(probe.timings.redirectMs > 0)
        #expect(probe.timings.dnsMs > 0, "\(probe.timings)")
        #expect(abs(probe.timings.totalMs - probe.timings.redirectMs - probe.timings.dnsMs) < 0.01, "\(probe.timings)")
    }

    @Test func aRedirectToAnotherNameResolvesThroughTheSameNameserver() throws {
        let final = try labServer(.text(200, "landed"))
        let origin = try labServer(.redirect("http://www.app.test:\(final.port)/landing"))
        let report = try check(origin.baseURL + "/") { $0.dnsServer = TestDNS.server }
        let probe = report.probes[0]
        #expect(probe.error == nil, "\(probe.error?.message ?? "")")
        #expect(probe.response?.status == 200)
        // The final hop's own DNS evidence: the CNAME chain of www.app.test.
        #expect(probe.dns?.name == "www.app.test")
        #expect(probe.dns?.cnameChain.map(\.target) == ["edge.cdn.test", "origin.app.test"])
        #expect(probe.dns?.source == "dns_server")
    }

    @Test func aRefusedConnectAfterARedirectIsReportedOnThatHop() throws {
        let dead = closedPort()
        let origin = try labServer(.redirect("http://127.0.0.2:\(dead)/gone"))
        let report = try check(origin.baseURL + "/") { $0.followups = false }
        let probe = report.probes[0]
        #expect(probe.error?.kind == .connectRefused)
        #expect(probe.address == "127.0.0.2")
        #expect(probe.port == dead)
        #expect(report.reason.contains("127.0.0.2:\(dead)"), "\(report.reason)")
        #expect(probe.redirects.map(\.status) == [302])
        #expect(probe.error?.message.contains("302") == true, "\(probe.error?.message ?? "")")
        #expect(probe.timings.redirectMs > 0 && probe.timings.connectMs > 0, "\(probe.timings)")
    }

    /// Servers on five loopback hosts, each sending the client on to the next: too many
    /// redirects, but not a loop, and the evidence says so.
    @Test func aChainOfDistinctHostsIsNotALoop() throws {
        var servers: [LabServer] = []
        var next = "http://127.0.0.9:1/end"
        for i in (2...6).reversed() {
            let location = next
            let s = try LabServer(host: "127.0.0.\(i)") { _ in .redirect(location) }
            servers.append(s)
            next = "http://127.0.0.\(i):\(s.port)/hop\(i)"
        }
        let probe = try check(next) {
            $0.maxRedirects = 3
            $0.followups = false
        }.probes[0]
        #expect(probe.error?.kind == .tooManyRedirects)
        #expect(probe.redirects.count == 3)
        #expect(probe.redirects.allSatisfy { !$0.loopsBack })
        #expect(probe.error?.message.contains("not a loop") == true, "\(probe.error?.message ?? "")")
        _ = servers
    }

    @Test func aRealLoopIsOne() throws {
        let server = try LabServer { r in .redirect(r.path == "/x" ? "/y" : "/x") }
        let probe = try check(server.baseURL + "/x") { $0.maxRedirects = 4 }.probes[0]
        #expect(probe.error?.kind == .tooManyRedirects)
        #expect(probe.redirects.map(\.loopsBack) == [false, true, true, true])
        #expect(probe.error?.message.contains("loop") == true, "\(probe.error?.message ?? "")")
        #expect(probe.error?.message.contains("not a loop") == false)
    }
}
