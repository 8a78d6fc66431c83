import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `--resolve` with IPv6 addresses, against listeners bound to ::1 only (IPV6_V6ONLY).
@Suite("IPv6 addresses from --resolve")
struct ProberIPv6Tests {
    /// A lab server on ::1 only and one on 127.0.0.1, on the same port, answering which they are.
    static func dualServers(v4 b4: LabBehavior = .text(200, "v4"), v6 b6: LabBehavior = .text(200, "v6")) throws -> (v4: LabServer, v6: LabServer) {
        for _ in 0..<20 {
            let v4 = try LabServer(host: "127.0.0.1") { _ in b4 }
            if let v6 = try? LabServer(host: "::1", port: v4.port, routes: { _ in b6 }) { return (v4, v6) }
        }
        throw TestSupportError("no port free on both 127.0.0.1 and ::1")
    }

    @Test func bracketedIPv6AddressConnectsOverIPv6() throws {
        let v6 = try LabServer(host: "::1") { _ in .text(200, "v6") }
        for fanout in [true, false] {
            let report = try check("http://v6only.test:\(v6.port)/") {
                $0.resolve = ["v6only.test:\(v6.port):[::1]"]
                $0.fanout = fanout
            }
            #expect(report.verdict == .ok, "fanout \(fanout): \(report.reason)")
            #expect(report.probes.map(\.address) == ["::1"])
            #expect(report.probes.map(\.family) == ["ipv6"])
            #expect(report.probes.first?.response?.body == "v6")
        }
    }

    @Test(arguments: ["127.0.0.1,[::1]", "[::1],127.0.0.1", "127.0.0.1,::1"])
    func eachAddressOfAListIsProbedOverItsOwnFamily(list: String) throws {
        let (v4, v6) = try Self.dualServers()
        let report = try check("http://dual.test:\(v4.port)/") { $0.resolve = ["dual.test:\(v4.port):\(list)"] }
        #expect(report.probes.count == 2)
        let seen = report.probes.map { "\($0.address ?? "-") \($0.family ?? "-") \($0.response?.body ?? "-")" }.sorted()
        #expect(seen == ["127.0.0.1 ipv4 v4", "::1 ipv6 v6"])
        _ = v6
    }

    @Test func theLastResolveEntryForAHostAndPortCounts() throws {
        // libcurl's rule: a later entry for the same host:port replaces an earlier one.
        let (v4, v6) = try Self.dualServers()
        let report = try check("http://dual.test:\(v4.port)/") {
            $0.resolve = ["dual.test:\(v4.port):127.0.0.1", "dual.test:\(v4.port):[::1]"]
        }
        #expect(report.probes.map(\.address) == ["::1"])
        #expect(report.probes.first?.response?.body == "v6")
        _ = v6
    }
}
