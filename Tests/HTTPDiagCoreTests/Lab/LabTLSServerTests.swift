import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An s_server is ready when it owns its port, not when something answers there.
@Suite struct LabTLSServerTests {
    /// A listener of this test process on a free 127.0.0.1 port.
    private static func openListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && Glibc.listen(fd, 8) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        try #require(ok)
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    @Test func aListenerBelongsToTheProcessThatOpenedIt() throws {
        let (fd, port) = try Self.openListener()
        defer { close(fd) }
        #expect(LabPorts.isListening(port: port, pid: getpid()))
        #expect(!LabPorts.isListening(port: port, pid: getppid()))
        close(fd)
        #expect(!LabPorts.isListening(port: port, pid: getpid()))
    }

    /// Another program on the asked-for port: s_server cannot bind it and exits. That is
    /// an error, not a server that "listens" (the old readiness test connected and found
    /// the other listener).
    @Test func aPortTakenByAnotherProgramIsNotMistakenForTheServer() throws {
        let (fd, port) = try Self.openListener()
        defer { close(fd) }
        #expect(throws: LabError.self) {
            _ = try LabTLSServer(certificates: TestCerts.certificates, cert: "valid.pem", port: port)
        }
    }

    @Test func aServerOnAFreePortOwnsIt() throws {
        let server = try LabTLSServer(certificates: TestCerts.certificates, cert: "valid.pem")
        defer { server.stop() }
        #expect(LabPorts.accepts(port: server.port))
        #expect(!LabPorts.isListening(port: server.port, pid: getpid()))
    }
}
