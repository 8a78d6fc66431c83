import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `-4` / `-6` (issue 11, curl habits): only the asked family is connected to, fanned out
/// or not, against listeners on 127.0.0.1 and ::1 that say which they are.
@Suite("-4 and -6")
struct IPFamilyTests {
    @Test(arguments: [true, false])
    func onlyTheAskedFamilyIsProbed(fanout: Bool) throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers()
        _ = v6
        for (family, body, address) in [(IPFamily.ipv4, "v4", "127.0.0.1"), (.ipv6, "v6", "::1"), (.any, nil, nil)] {
            let report = try check("http://dual.test:\(v4.port)/") {
                $0.resolve = ["dual.test:\(v4.port):127.0.0.1,[::1]"]
                $0.fanout = fanout
                $0.ipFamily = family
            }
            #expect(report.verdict == .ok, "\(family) fanout \(fanout): \(report.reason)")
            if let body, let address {
                #expect(report.probes.map { $0.response?.body } == [body], "\(family) fanout \(fanout)")
                #expect(report.probes.map(\.address) == [address])
            } else if fanout {
                #expect(report.probes.count == 2, "without -4/-6 both families are probed")
            }
        }
    }

    @Test func theOtherFamilyFollowUpDoesNotRunWhenTheUserRuledItOut() throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers(v4: .text(503, "down"), v6: .text(200, "up"))
        _ = v6
        let report = try check("http://dual.test:\(v4.port)/") {
            $0.resolve = ["dual.test:\(v4.port):127.0.0.1"]
            $0.ipFamily = .ipv4
        }
        #expect(report.verdict == .critical)
        #expect(!report.probes[0].followups.contains { $0.kind == .otherFamily })
    }

    @Test func aLiteralOfTheOtherFamilyFailsAndSaysWhy() throws {
        let v6 = try LabServer(host: "::1") { _ in .text(200, "v6") }
        let report = try check("http://[::1]:\(v6.port)/") { $0.ipFamily = .ipv4 }
        #expect(report.verdict == .critical)
        let error = try #require(report.probes.first?.error)
        #expect(error.kind == .dnsNoAddress)
        #expect(error.message.contains("no IPv4 address (-4; it has ::1)"), "\(error.message)")
        #expect(try check("http://[::1]:\(v6.port)/") { $0.ipFamily = .ipv6 }.verdict == .ok)
    }
}
