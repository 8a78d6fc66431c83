import Foundation
import HTTPDiagLab
@testable import HTTPDiagCore

/// Certificates generated once per test run by scripts/make-test-certs.sh.
enum TestCerts {
    static let dir: String = {
        let dir = NSTemporaryDirectory() + "httpdiag-test-certs-\(getpid())"
        let status = (try? spawnMeasured("/bin/bash", [repositoryRoot.appendingPathComponent("scripts/make-test-certs.sh").path, dir]))?.status
        precondition(status == 0, "scripts/make-test-certs.sh failed")
        return dir
    }()

    static func path(_ name: String) -> String { dir + "/" + name }
}

/// A child process that is stopped when the value goes away.
final class ChildProcess: @unchecked Sendable {
    let process = Process()

    init(_ executable: String, _ arguments: [String]) throws {
        // setpriv --pdeathsig: the server dies with the test process, even on kill -9.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--pdeathsig", "KILL", executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func stop() {
        // SIGKILL: a child started from a Dispatch worker inherits its blocked signal
        // mask, so SIGTERM would stay pending forever.
        // Poll instead of waitUntilExit, which can miss the exit and hang when several
        // children end at once (seen with Foundation on Linux).
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            for _ in 0..<200 where process.isRunning { usleep(10_000) }
        }
    }

    deinit { stop() }

    /// PR_SET_PDEATHSIG (setpriv --pdeathsig) fires when the *thread* that spawned the
    /// child exits, not the process, and tests run on pool threads that are retired when
    /// idle: a child that outlives the test starting it (dnsmasq, shared by the suites) was
    /// killed mid-run. Such a child is spawned from a thread that never exits.
    static func fromLongLivedThread(_ executable: String, _ arguments: [String]) throws -> ChildProcess {
        final class Box: @unchecked Sendable { var result: Result<ChildProcess, Error>? }
        let box = Box()
        let started = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try ChildProcess(executable, arguments) }
            started.signal()
            while true { sleep(3600) }
        }
        thread.start()
        started.wait()
        return try box.result!.get()
    }
}

/// Waits until something accepts TCP connections on 127.0.0.1:port.
func waitForTCP(_ port: Int, timeout: TimeInterval = 5) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        close(s)
        if rc == 0 { return }
        usleep(20_000)
    }
    throw LabError.timeout("nothing listens on 127.0.0.1:\(port)")
}

extension LabError {
    static func timeout(_ s: String) -> Error { NSError(domain: "test", code: 1, userInfo: [NSLocalizedDescriptionKey: s]) }
}

/// `openssl s_server -www` with one of the generated certificates.
final class OpenSSLServer: @unchecked Sendable {
    let port: Int
    private let child: ChildProcess

    init(cert: String, key: String? = nil, extra: [String] = []) throws {
        port = closedPort()
        let keyName = key ?? cert.replacingOccurrences(of: ".pem", with: ".key")
        child = try ChildProcess("/usr/bin/openssl", ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", TestCerts.path(cert),
                                                      "-key", TestCerts.path(keyName), "-www", "-quiet"] + extra)
        try waitForTCP(port)
    }

    var url: String { "https://localhost:\(port)/" }
    deinit { child.stop() }
}

/// dnsmasq on 127.0.0.1:5353 with the test zone, started once per test run and stopped
/// when the test process exits.
enum TestDNS {
    static let port = 5353
    static var server: DNSServer { DNSServer(host: "127.0.0.1", port: port) }

    static let servfailUpstream = try! LabDNSResponder(mode: .rcode(2))

    nonisolated(unsafe) private static var child: ChildProcess?

    static let started: Bool = {
        // --user=root: dropping privileges would clear the parent-death signal (setpriv --pdeathsig).
        let args = ["--keep-in-foreground", "--user=root", "--no-hosts", "--no-resolv", "--pid-file=", "--listen-address=127.0.0.1",
                    "--port=\(port)", "--bind-interfaces", "--local-ttl=60",
                    "--local=/nx.test/", "--local=/nodata.test/", "--txt-record=nodata.test,no address records",
                    "--host-record=origin.app.test,127.0.0.1", "--cname=edge.cdn.test,origin.app.test,300",
                    "--cname=www.app.test,edge.cdn.test,300",
                    "--host-record=multi.test,127.0.0.1,::1", "--host-record=multi.test,127.0.0.2",
                    "--host-record=v6.test,127.0.0.1,::1", "--host-record=v4.test,127.0.0.1",
                    "--server=/servfail.test/127.0.0.1#\(servfailUpstream.port)"]
        child = try! ChildProcess.fromLongLivedThread("/usr/sbin/dnsmasq", args)
        atexit { TestDNS.child?.stop() }
        // Wait until it answers; if it exited (port 5353 taken by a stale instance, say),
        // an answer would come from the wrong server, so that is a failure.
        for _ in 0..<100 {
            guard child?.process.isRunning == true else { return false }
            if DirectDNS.query("v4.test", type: DirectDNS.typeA, server: server, timeoutMs: 200).rcode == "NOERROR" { return true }
            usleep(50_000)
        }
        return false
    }()
}
