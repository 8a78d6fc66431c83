import Foundation
import HTTPDiagCore
import HTTPDiagLab

/// The TLS certificates of this test run (scripts/make-test-certs.sh through
/// LabCertificates): made once per test process, the first time a test asks, in a new
/// private temporary directory of its own, and removed when the process exits. Never
/// reused from an earlier run or shared with a concurrent one.
public enum TestCerts {
    public static let certificates: LabCertificates = {
        let made: LabCertificates
        do {
            made = try LabCertificates(script: repositoryRoot.appendingPathComponent("scripts/make-test-certs.sh").path)
        } catch {
            preconditionFailure("test certificates: \(error)")
        }
        atexit { TestCerts.certificates.remove() }
        return made
    }()

    public static var dir: String { certificates.directory }

    public static func path(_ name: String) -> String { certificates.path(name) }
}

/// Waits until something accepts TCP connections on 127.0.0.1:port.
public func waitForTCP(_ port: Int, timeout: TimeInterval = 5) throws {
    guard LabPorts.waitUntilAccepting(port, timeout: timeout) else { throw TestSupportError("nothing listens on 127.0.0.1:\(port)") }
}

/// `openssl s_server -www` with one of this run's certificates, on a free port, stopped
/// by its pid when the value goes away.
public final class OpenSSLServer: Sendable {
    private let server: LabTLSServer

    public init(cert: String, key: String? = nil, extra: [String] = []) throws {
        server = try LabTLSServer(certificates: TestCerts.certificates, cert: cert, key: key, extra: extra)
    }

    public var port: Int { server.port }
    public var url: String { server.url }
    /// Stops s_server now (it is stopped when the value goes away, too).
    public func stop() { server.stop() }
    deinit { server.stop() }
}

/// dnsmasq with the test zone on 127.0.0.1 and a free port (UDP and TCP), started once per
/// test process and stopped by its pid when the process exits: concurrent test runs each
/// have their own. `port` is 0 when it did not start.
public enum TestDNS {
    public static var port: Int { instance?.port ?? 0 }
    public static var started: Bool { instance != nil }
    /// `127.0.0.1:port`, as a probe's `dnsServer`.
    public static var server: DNSServer { DNSServer(host: "127.0.0.1", port: port) }

    static let servfailUpstream = try! LabDNSResponder(mode: .rcode(2))

    private static let instance: (port: Int, child: LabProcess)? = {
        // A free port can be taken between LabPorts.free and dnsmasq's bind: then dnsmasq
        // exits, and another port is tried.
        for _ in 0..<5 {
            let port = LabPorts.free(udp: true)
            // --user=root: dropping privileges would clear the parent-death signal (setpriv --pdeathsig).
            let args = [
                "--keep-in-foreground", "--user=root", "--no-hosts", "--no-resolv", "--pid-file=", "--listen-address=127.0.0.1",
                "--port=\(port)", "--bind-interfaces", "--local-ttl=60",
                "--local=/nx.test/", "--local=/nodata.test/", "--txt-record=nodata.test,no address records",
                "--host-record=origin.app.test,127.0.0.1", "--cname=edge.cdn.test,origin.app.test,300",
                "--cname=www.app.test,edge.cdn.test,300",
                "--host-record=multi.test,127.0.0.1,::1", "--host-record=multi.test,127.0.0.2",
                "--host-record=v6.test,127.0.0.1,::1", "--host-record=v4.test,127.0.0.1",
                "--server=/servfail.test/127.0.0.1#\(servfailUpstream.port)",
            ]
            guard let child = try? LabProcess.fromLongLivedThread("/usr/sbin/dnsmasq", args) else { return nil }
            // Wait until it answers; if it exited (its port was taken), an answer would
            // come from the wrong server: try another port.
            for _ in 0..<100 {
                guard child.isRunning else { break }
                if DirectDNS.query("v4.test", type: DirectDNS.typeA, server: DNSServer(host: "127.0.0.1", port: port), timeoutMs: 200).rcode
                    == "NOERROR"
                {
                    atexit { TestDNS.instance?.child.stop() }
                    return (port, child)
                }
                usleep(50_000)
            }
            child.stop()
        }
        return nil
    }()
}
