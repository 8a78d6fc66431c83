import Foundation
import Testing
@testable import HTTPDiagCore
import HTTPDiagLab

/// Runs the built `httpdiag` binary (make test builds it first).
struct CLIResult { var status: Int32; var stdout: String; var stderr: String }

func runCLI(_ arguments: [String], prefix: [String] = [], environment: [String: String]? = nil) throws -> CLIResult {
    let binary = ProcessInfo.processInfo.environment["HTTPDIAG_BINARY"] ?? repositoryRoot.appendingPathComponent(".build/debug/httpdiag").path
    guard FileManager.default.isExecutableFile(atPath: binary) else { throw LabError.timeout("build httpdiag first: \(binary)") }
    let p = Process()
    if prefix.isEmpty {
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
    } else {
        p.executableURL = URL(fileURLWithPath: prefix[0])
        p.arguments = Array(prefix.dropFirst()) + [binary] + arguments
    }
    var env = environment ?? ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    // Files, not pipes: a pipe's EOF never comes while any other child of this test
    // process (dnsmasq, s_server, started concurrently) has inherited its write end.
    let base = NSTemporaryDirectory() + "httpdiag-cli-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: base + ".out", contents: nil)
    FileManager.default.createFile(atPath: base + ".err", contents: nil)
    defer { try? FileManager.default.removeItem(atPath: base + ".out"); try? FileManager.default.removeItem(atPath: base + ".err") }
    p.standardOutput = FileHandle(forWritingAtPath: base + ".out")
    p.standardError = FileHandle(forWritingAtPath: base + ".err")
    try p.run()
    p.waitUntilExit()
    let o = FileManager.default.contents(atPath: base + ".out") ?? Data()
    let e = FileManager.default.contents(atPath: base + ".err") ?? Data()
    return CLIResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

@Suite("The httpdiag command line")
struct CLITests {
    @Test func okFirstLineIsMonitoringPluginsFormat() throws {
        let server = try labServer(.text(200, "fine"))
        let r = try runCLI(["check", server.baseURL + "/"])
        #expect(r.status == 0)
        let first = try #require(r.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("OK: 200 OK from 127.0.0.1:\(server.port) | time_total="))
        #expect(first.contains("time_connect=") && first.contains("s;;;"))
        #expect(!r.stdout.contains("\u{1B}["))  // no colour without a terminal
    }

    @Test func criticalExitsTwo() throws {
        let server = try labServer(.text(403, "<Error><Code>AccessDenied</Code></Error>"))
        let r = try runCLI(["check", server.baseURL + "/"])
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("CRITICAL: 403 Forbidden from 127.0.0.1"))
    }

    @Test func warningExitsOne() throws {
        let server = try OpenSSLServer(cert: "expiring.pem")
        let r = try runCLI(["check", server.url, "--cacert", TestCerts.path("ca.pem")])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("WARNING: 200 "))
        #expect(r.stdout.contains("certificate expires in 5 days") || r.stdout.contains("certificate expires in 4 days"))
    }

    @Test func jsonFormatIsTheVersionedDocument() throws {
        let server = try labServer(.text(200, "fine"))
        let r = try runCLI(["check", server.baseURL + "/", "--format", "json"])
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(r.stdout.utf8))
        guard case .object(let o) = doc else { Issue.record("not an object"); return }
        #expect(o["schema"] == .string("httpdiag.check/v1"))
        #expect(o["verdict"] == .string("OK"))
    }

    /// Bad input: one line on stderr naming the problem, exit 3, never a crash.
    @Test(arguments: [
        (["check", "not a url"], "contains whitespace"),
        (["check", "example.com"], "has no scheme"),
        (["check", "ftp://127.0.0.1/"], "unsupported scheme 'ftp'"),
        (["check", "http://"], "is malformed"),
        (["check", "http://127.0.0.1:99999/"], "is malformed"),
        (["check", "http://127.0.0.1/", "--samples", "0"], "--samples must be at least 1"),
        (["check", "http://127.0.0.1/", "--max-time=-1"], "--max-time must be a positive"),
        (["check", "http://127.0.0.1/", "--connect-timeout", "0"], "--connect-timeout must be a positive"),
        (["check", "http://127.0.0.1/", "-H", "NoColonHere"], "expected 'Name: value'"),
        (["check", "http://127.0.0.1/", "-d", "@/nonexistent/file"], "-d @/nonexistent/file: file not found"),
        (["check", "http://127.0.0.1/", "--cacert", "/nonexistent.pem"], "--cacert /nonexistent.pem: file not found"),
        (["check", "http://127.0.0.1/", "--dns-server", "bogus"], "--dns-server 'bogus'"),
        (["check", "http://127.0.0.1/", "--resolve", "nonsense"], "--resolve 'nonsense'"),
        (["check", "http://127.0.0.1/", "--format", "xml"], "xml"),
        (["check", "http://127.0.0.1/", "--bogus"], "Unknown option '--bogus'"),
        (["check"], "Missing expected argument"),
        (["check", "http://127.0.0.1/", "-F", "novalue"], "-F 'novalue'"),
        (["check", "http://127.0.0.1/", "--key", "/etc/hostname"], "--key needs --cert"),
        (["check", "http://127.0.0.1/", "--http1.1", "--http2"], "one of --http1.1 and --http2"),
        (["check", "http://127.0.0.1/", "-X", "BAD METHOD"], "not a valid HTTP method"),
        (["check", "http://127.0.0.1/", "--max-redirs=-2"], "--max-redirs must not be negative"),
    ] as [([String], String)])
    func badInputIsOneLineAndExitThree(arguments: [String], message: String) throws {
        let r = try runCLI(arguments)
        #expect(r.status == 3, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.hasPrefix("httpdiag: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// A network namespace with only loopback: any other address has no route.
    @Test(.enabled(if: getuid() == 0, "needs root for ip netns"))
    func networkUnreachableInsideANamespace() throws {
        let ns = "httpdiag-test-\(getpid())"
        _ = try runTool("/sbin/ip", ["netns", "add", ns])
        defer { _ = try? runTool("/sbin/ip", ["netns", "del", ns]) }
        _ = try runTool("/sbin/ip", ["netns", "exec", ns, "ip", "link", "set", "lo", "up"])
        let r = try runCLI(["check", "http://10.255.0.1/", "--format", "json"], prefix: ["/sbin/ip", "netns", "exec", ns])
        #expect(r.status == 2)
        #expect(r.stdout.contains("\"kind\" : \"network_unreachable\""), "\(r.stdout.prefix(400)) \(r.stderr)")
    }
}

@discardableResult
func runTool(_ path: String, _ args: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// The lab end to end: every endpoint, probed for real on loopback, must get its
/// expected top diagnosis (`httpdiag lab --check` exits 0 only then).
@Suite("Lab end to end")
struct LabEndToEndTests {
    @Test func everyLabEndpointGetsItsExpectedDiagnosis() throws {
        let reports = NSTemporaryDirectory() + "httpdiag-lab-reports-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let r = try runCLI(["lab", "--check", "--reports", reports])
        let rows = r.stdout.split(separator: "\n").dropFirst().filter { $0.contains(" ✓ ") || $0.contains(" ✗ ") }
        #expect(rows.count >= 20, "\(r.stdout)\(r.stderr)")
        for row in rows where row.contains(" ✗ ") { Issue.record("wrong diagnosis: \(row)") }
        #expect(r.status == 0, "\(r.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".md") }
        #expect(written.count == rows.count)
        let s3 = try String(contentsOfFile: reports + "/cloudfront-s3-oai-403.md", encoding: .utf8)
        #expect(s3.hasPrefix("# CRITICAL: `cloudfront_s3_origin_access_denied`"))
    }
}
