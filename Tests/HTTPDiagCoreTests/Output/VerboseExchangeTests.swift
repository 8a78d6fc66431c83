import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `-v` (issue 11, curl habits): the exchange as curl -v shows it, compared line by line
/// with real curl on the same loopback server where the two must agree.
@Suite("Verbose exchange (-v) as curl shows it")
struct VerboseExchangeTests {
    static func curlVerbose(_ arguments: [String]) throws -> [String] {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "the tests need curl")
        let run = try spawnMeasured("/usr/bin/curl", ["-s", "-v", "-o", "/dev/null"] + arguments)
        // "\r\n" is one Character: split the scalars.
        return run.stderr.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    }

    static func lines(_ text: String, prefix: String) -> [String] { text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) } }

    @Test func requestAndResponseHeadersAreCurls() throws {
        let server = try labServer(.text(201, "made\n", headers: [("X-Served-By", "lab-3"), ("Cache-Control", "no-store")]))
        let url = server.baseURL + "/items?page=2"
        let report = try check(url) { $0.userAgent = "same-agent/1" }
        let ours = VerboseExchange.render(report)
        let theirs = try Self.curlVerbose(["-A", "same-agent/1", url]).joined(separator: "\n")
        #expect(Self.lines(ours, prefix: ">") == Self.lines(theirs, prefix: ">"), "\(ours)\n---\n\(theirs)")
        #expect(Self.lines(ours, prefix: "<") == Self.lines(theirs, prefix: "<"), "\(ours)\n---\n\(theirs)")
        #expect(ours.contains("> GET /items?page=2 HTTP/1.1\n"))
        #expect(ours.contains("< HTTP/1.1 201 "))
        #expect(ours.contains("*   Trying 127.0.0.1:\(server.port)...\n"))
        #expect(ours.contains("* Connected to 127.0.0.1 (127.0.0.1) port \(server.port)\n"))
        #expect(ours.contains("* 5 bytes of body received"))
    }

    @Test func tlsStepsAreStarLinesLikeCurls() throws {
        let server = try OpenSSLServer(cert: "valid.pem")
        let report = try check(server.url) { $0.tls.caFile = TestCerts.path("ca.pem") }
        let ours = VerboseExchange.render(report)
        let theirs = try Self.curlVerbose(["--cacert", TestCerts.path("ca.pem"), server.url])
        let ssl = try #require(theirs.first { $0.hasPrefix("* SSL connection using ") }, "\(theirs)")
        #expect(ours.contains(ssl + "\n"), "\(ours)")
        #expect(ours.contains("* Server certificate:\n*  subject: "))
        #expect(ours.contains("*  expire date: "))
        #expect(ours.contains("*  SSL certificate verify ok."))
        #expect(ours.contains("* Host localhost:\(server.port) was resolved"))
    }

    @Test func aFailedVerificationShowsTheCertificateAndTheProblemAndNoRequest() throws {
        let server = try OpenSSLServer(cert: "expired.pem")
        let report = try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.headers = ["X-Never-Sent: 1"]
            $0.followups = false
        }
        let ours = VerboseExchange.render(report)
        #expect(ours.contains("* Server certificate (read by a second, handshake-only connection):"), "\(ours)")
        #expect(ours.contains("*  SSL certificate problem: "), "\(ours)")
        #expect(ours.contains("tls_cert_expired"))
        #expect(Self.lines(ours, prefix: ">").isEmpty, "the request never went out: \(ours)")
        let theirs = try Self.curlVerbose(["--cacert", TestCerts.path("ca.pem"), server.url])
        #expect(theirs.contains { $0.hasPrefix("* SSL certificate problem: certificate has expired") }, "\(theirs)")
        #expect(ours.contains("certificate has expired"), "the same reason as curl's: \(ours)")
    }

    @Test func aFailureSaysWhatHappenedAndSendsNoRequestLines() throws {
        let port = closedPort()
        let report = try check("http://127.0.0.1:\(port)/") { $0.followups = false }
        let ours = VerboseExchange.render(report)
        #expect(ours.contains("*   Trying 127.0.0.1:\(port)..."))
        #expect(!ours.contains("* Connected to"))
        #expect(Self.lines(ours, prefix: ">").isEmpty)
        #expect(ours.contains("connect_refused"), "\(ours)")
    }

    @Test func redirectsAreSummarisedBeforeTheFinalExchange() throws {
        let server = try LabServer { r in r.path == "/old" ? .redirect("/new", status: 308) : .text(200, "here") }
        let ours = VerboseExchange.render(try check(server.baseURL + "/old"))
        #expect(ours.contains("308 Permanent Redirect"), "\(ours)")
        #expect(ours.contains("* Issue another request to this URL: '\(server.baseURL)/new'"), "\(ours)")
        #expect(ours.contains("> GET /new HTTP/1.1"))
    }

    @Test func oneBlockPerAddressWhenFannedOut() throws {
        let server = try labServer(.text(200, "ok"))
        let report = try check("http://fan.test:\(server.port)/") {
            $0.resolve = ["fan.test:\(server.port):127.0.0.1,127.0.0.2"]
            $0.samples = 2
        }
        let ours = VerboseExchange.render(report)
        #expect(ours.contains("* probe 1 of 2: 127.0.0.1:\(server.port)"), "\(ours)")
        #expect(ours.contains("* probe 2 of 2: 127.0.0.2:\(server.port)"), "\(ours)")
        #expect(Self.lines(ours, prefix: "> GET").count >= 1)
    }
}
