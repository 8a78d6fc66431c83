import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore

/// Internationalised names are converted with IDNA as libcurl does (its libidn2), so a
/// `--resolve` entry in Unicode or in punycode pins the same name (issue 9 §11).
@Suite("IDN host names")
struct IDNTests {
    static let unicode = "bücher.test", ascii = "xn--bcher-kva.test"

    final class HostSeen: Sendable {
        let hosts = Mutex<[String]>([])
    }

    func server(_ seen: HostSeen) throws -> LabServer {
        try LabServer { _ in
            .custom { r in
                seen.hosts.withLock { $0.append(r.header("Host") ?? "") }
                return .text(200, "idn ok")
            }
        }
    }

    /// `http://urlHost:PORT/` with `--resolve resolveHost:PORT:127.0.0.1`, against a
    /// nameserver that answers nothing: if the pin were missed, the probe would say so
    /// (dns_timeout) instead of asking the system's resolver.
    func pinnedCheck(_ urlHost: String, resolve resolveHost: String, _ s: LabServer) throws -> CheckReport {
        let silent = try LabDNSResponder(mode: .silent)
        return try check("http://\(urlHost):\(s.port)/") {
            $0.resolve = ["\(resolveHost):\(s.port):127.0.0.1"]
            $0.dnsServer = DNSServer(host: "127.0.0.1", port: silent.port)
            $0.dnsTimeoutMs = 300
        }
    }

    @Test(arguments: [(unicode, unicode), (unicode, ascii), (ascii, unicode), (ascii, ascii)])
    func resolveEntryPinsTheNameInEitherForm(urlHost: String, resolveHost: String) throws {
        let seen = HostSeen()
        let s = try server(seen)
        let report = try pinnedCheck(urlHost, resolve: resolveHost, s)
        let probe = report.probes[0]
        #expect(probe.error == nil, "\(urlHost) with --resolve \(resolveHost): \(probe.error.map { "\($0.kind.rawValue) \($0.message)" } ?? "")")
        #expect(probe.response?.status == 200)
        #expect(probe.address == "127.0.0.1")
        #expect(probe.dns?.source == "resolve_flag")
        // What went on the wire is the A-label, as curl sends it.
        #expect(seen.hosts.withLock { $0 } == ["\(Self.ascii):\(s.port)"])
        #expect(report.target.host == Self.ascii)
    }

    @Test func upperCaseUnicodeIsMappedAsIDNA2008Does() throws {
        let seen = HostSeen()
        let s = try server(seen)
        let report = try pinnedCheck("BÜCHER.test", resolve: Self.ascii, s)
        #expect(report.probes[0].error == nil, "\(report.probes[0].error?.message ?? "")")
        #expect(seen.hosts.withLock { $0 } == ["\(Self.ascii):\(s.port)"])
    }

    /// Without a pin, the name is asked for by its A-label (what a nameserver holds).
    @Test func aUnicodeNameIsLookedUpByItsALabel() throws {
        let seen = HostSeen()
        let s = try server(seen)
        let zone = try LabDNSResponder(mode: .zone([Self.ascii: .addresses(["127.0.0.1"], ttl: 60)]))
        let report = try check("http://\(Self.unicode):\(s.port)/") {
            $0.dnsServer = DNSServer(host: "127.0.0.1", port: zone.port)
        }
        let probe = report.probes[0]
        #expect(probe.error == nil, "\(probe.error.map { "\($0.kind.rawValue) \($0.message)" } ?? "")")
        #expect(probe.dns?.name == Self.ascii)
        #expect(probe.dns?.queries.first { $0.type == "A" }?.rcode == "NOERROR")
        #expect(seen.hosts.withLock { $0 } == ["\(Self.ascii):\(s.port)"])
    }
}
