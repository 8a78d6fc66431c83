import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

@Suite("Lab DNS stubs answer as configured")
struct DNSStubTests {
    @Test(arguments: [(UInt8(2), "SERVFAIL"), (UInt8(5), "REFUSED")])
    func rcodeStub(code: UInt8, name: String) throws {
        let stub = try LabDNSResponder(mode: .rcode(code))
        let q = DirectDNS.query("x.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: stub.port), timeoutMs: 1000)
        #expect(q.rcode == name)
    }

    @Test func zoneStub() throws {
        let stub = try LabDNSResponder(mode: .zone(["a.test": .addresses(["127.0.0.9", "::9"], ttl: 42), "n.test": .nxdomain]))
        let server = DNSServer(host: "127.0.0.1", port: stub.port)
        let a = DirectDNS.query("a.test", type: DirectDNS.typeA, server: server, timeoutMs: 1000)
        #expect(a.rcode == "NOERROR")
        #expect(a.answers.map(\.data) == ["127.0.0.9"])
        #expect(a.answers.first?.ttl == 42)
        #expect(DirectDNS.query("a.test", type: DirectDNS.typeAAAA, server: server, timeoutMs: 1000).answers.map(\.data) == ["::9"])
        #expect(DirectDNS.query("n.test", type: DirectDNS.typeA, server: server, timeoutMs: 1000).rcode == "NXDOMAIN")
    }
}
