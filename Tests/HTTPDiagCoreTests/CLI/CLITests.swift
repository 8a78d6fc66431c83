import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

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
        guard case .object(let o) = doc else {
            Issue.record("not an object")
            return
        }
        #expect(o["schema"] == .string("httpdiag.check/v1"))
        #expect(o["verdict"] == .string("OK"))
    }

    /// Bad input: one line on stderr naming the problem, exit 3, never a crash.
    @Test(
        arguments: [
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
        ] as [([String], String)]
    )
    func badInputIsOneLineAndExitThree(arguments: [String], message: String) throws {
        let r = try runCLI(arguments)
        #expect(r.status == 3, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr.hasPrefix("httpdiag: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// More bad input, each with the exact line it must produce (after "httpdiag: "):
    /// the file, line and field are named where there is one; secrets in a bad URL stay
    /// redacted; control characters are escaped so the message stays one line.
    @Test(
        arguments: [
            (["check", closedURL, "--report", "/nonexistent-dir/report.md"], "--report /nonexistent-dir/report.md: cannot write the file"),
            (
                ["check", closedURL, "--playbooks", BadPlaybooks.yaml],
                "\(BadPlaybooks.yaml)/bad_yaml.yaml:5: invalid YAML: 5:8: error: parser: while parsing a flow sequence in line 4, column 13"
            ),
            (
                ["check", closedURL, "--playbooks", BadPlaybooks.field],
                "\(BadPlaybooks.field)/odd_field.yaml:7: unknown evidence field 'response.nonsense' (see docs/json-output.md, paths under probes[])"
            ),
            (
                ["check", closedURL, "--playbooks", BadPlaybooks.kind],
                "\(BadPlaybooks.kind)/odd_kind.yaml:7: unknown failure kind 'dns_nxdomian' (did you mean 'dns_nxdomain'?)"
            ),
            (["check", closedURL, "--playbooks", "/nonexistent-playbooks"], "--playbooks /nonexistent-playbooks: not a readable directory"),
            (["check", closedURL, "-F", "file=@/nonexistent/upload.bin"], "-F file=@/nonexistent/upload.bin: file not found or not readable"),
            (["check", closedURL, "-F", "=value"], "-F '=value': expected name=value or name=@file"),
            (["check", closedURL, "-d", "x", "--data-binary", "y"], "use one of -d/--data and --data-binary"),
            (["check", closedURL, "-d", "x", "-F", "a=b"], "-d and -F cannot be combined"),
            (["check", closedURL, "-d", "@/tmp"], "-d @/tmp: is a directory"),
            (["check", closedURL, "--max-time", "100000"], "--max-time must be at most 86400 seconds"),
            (["check", closedURL, "--max-time", "nan"], "--max-time must be a positive number of seconds (got nan)"),
            (["check", closedURL, "--cert", "/nonexistent.pem"], "--cert /nonexistent.pem: file not found or not readable"),
            (["check", closedURL, "--samples", "abc"], "The value 'abc' is invalid for '--samples <samples>'"),
            (["check", closedURL, "--samples", "100000"], "--samples must be at most 1000 (got 100000)"),
            (["check", closedURL, "--capture-body=-1"], "--capture-body must not be negative"),
            (["check", closedURL, "--max-download", "0"], "--max-download must be positive"),
            (["check", closedURL, "--cert-warn-days=-1"], "--cert-warn-days must not be negative"),
            (["check", closedURL, "--resolve", "host:80"], "--resolve 'host:80': expected host:port:address"),
            (["check", closedURL, "--connect-to", "a:b"], "--connect-to 'a:b': expected host:port:connect-host:connect-port"),
            (["check", closedURL, "--dns-server", "127.0.0.1:99999"], "--dns-server '127.0.0.1:99999': port must be 1-65535"),
            (["check", closedURL, "-H", ": value"], "-H ': value': expected 'Name: value'"),
            (["check", closedURL, "-H", "Bad Name: x"], "-H 'Bad Name: x': expected 'Name: value'"),
            (["check", closedURL, "-H", "X-A: a\r\nInjected: 1"], "-H 'X-A: a\\r\\nInjected: 1': header contains a line break"),
            (["check", closedURL, "-H", "X-A\nB: 1"], "-H 'X-A\\nB: 1': header contains a line break"),
            (["check", closedURL, "-A", "agent\r\nX-Injected: 1"], "-A 'agent\\r\\nX-Injected: 1': user agent contains a line break"),
            (["check", closedURL, "-X", "GET\r\n"], "-X 'GET\\r\\n': not a valid HTTP method"),
            (["check", closedURL, "-X", ""], "-X '': not a valid HTTP method"),
            (["check", closedURL, "-u", "a:b\r\nX: y"], "-u: user:password contains a line break"),
            (["check", "http://[::1"], "URL 'http://[::1' is malformed: Bad IPv6 address"),
            (["check", "http://user@/"], "URL 'http://user@/' is malformed: No host part in the URL"),
            (["check", "http://u:url-secret-1@127.0.0.1/\r\nX: y"], "URL 'http://u:<redacted:12 chars>@127.0.0.1/\\r\\nX: y' contains whitespace"),
            (
                ["check", "http://u:ws-secret@127.0.0.1/a b?token=tok-secret"],
                "URL 'http://u:<redacted:9 chars>@127.0.0.1/a b?token=<redacted:10 chars>' contains whitespace"
            ),
            (
                ["check", "u:nosch-secret@example.com/?token=tok-secret"],
                "URL 'u:<redacted:12 chars>@example.com/?token=<redacted:10 chars>' has no scheme: write http://u:<redacted:12 chars>@example.com/?token=<redacted:10 chars> or https://u:<redacted:12 chars>@example.com/?token=<redacted:10 chars>"
            ),
            (["explain", "no_such_cause"], "unknown root cause 'no_such_cause'; httpdiag playbooks list shows them all"),
            (["bogus-command"], "Unexpected argument 'bogus-command'"),
        ] as [([String], String)]
    )
    func badInputExactOneLineMessage(arguments: [String], message: String) throws {
        let r = try runCLI(arguments)
        #expect(r.status == 3, "\(arguments): exit \(r.status), stderr \(r.stderr)")
        #expect(r.stderr == "httpdiag: \(message)\n", "\(arguments)")
        #expect(r.stdout.isEmpty)
        for secret in ["url-secret-1", "ws-secret", "nosch-secret", "tok-secret"] { #expect(!r.stderr.contains(secret)) }
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

/// A port nothing listens on (9, discard): a probe there fails at once.
let closedURL = "http://127.0.0.1:9/"

/// Playbook directories with one bad file each, made once per test run (removed at exit).
enum BadPlaybooks {
    static let root: String = {
        let dir = try! makeTemporaryDirectory("httpdiag-bad-playbooks")
        atexit { try? FileManager.default.removeItem(atPath: BadPlaybooks.root) }
        return dir
    }()
    static let yaml = make("yaml", "bad_yaml", "id: bad_yaml\ntitle: x\nwhen:\n  - status: [500\n    foo: : bar\n")
    static let field = make("field", "odd_field", valid("odd_field", "- field: {path: response.nonsense, equals: 1}"))
    static let kind = make("kind", "odd_kind", valid("odd_kind", "- failure: dns_nxdomian"))

    static func valid(_ id: String, _ condition: String) -> String {
        samplePlaybook(id: id, condition: condition, explanation: "x") + "\n"
    }

    static func make(_ dir: String, _ id: String, _ text: String) -> String {
        let path = root + "/" + dir
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try! text.write(toFile: path + "/\(id).yaml", atomically: true, encoding: .utf8)
        return path
    }
}
