import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The lab advertises command lines; run as printed, each one reproduces its endpoint.
@Suite("Lab: printed command lines and reports", .serialized)
struct LabCommandLineTests {
    @Test func quotingRoundTripsThroughBash() throws {
        let words = ["plain", "two words", "it's", "--x\r\nName: \"v\"\r\n\r\nJohn\r\n--x--\r\n", "$HOME `id`", ""]
        let line = "printf '%s\\0' " + words.map(LabCommandLine.quote).joined(separator: " ")
        let dir = try makeTemporaryDirectory("lab-quote")
        let run = try spawnMeasured("/bin/bash", ["-c", line + " > \(dir)/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try #require(FileManager.default.contents(atPath: dir + "/out"))
        let back = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(back == words)
    }

    @Test func theArgumentsCarryHeadersBodySamplesAndServers() {
        let args = LabCommandLine.arguments(
            url: "http://127.0.0.1:1/x",
            method: "POST",
            headers: ["Content-Type: multipart/form-data"],
            body: "b",
            form: ["f=v"],
            samples: 3,
            dnsServer: "127.0.0.1:53",
            caFile: "/tmp/ca.pem"
        )
        #expect(
            args == [
                "httpdiag", "check", "http://127.0.0.1:1/x", "-H", "Content-Type: multipart/form-data", "--data-binary=b", "-F", "f=v",
                "--samples", "3", "--dns-server", "127.0.0.1:53", "--cacert", "/tmp/ca.pem",
            ]
        )
        #expect(LabCommandLine.arguments(url: "u", method: "DELETE").contains("-X"))
    }

    /// Starts `httpdiag lab`, runs every command line it prints with bash, and checks each
    /// gets the endpoint's expected diagnosis (the healthy one: OK).
    @Test func everyPrintedCommandReproducesItsEndpoint() throws {
        let dir = try makeTemporaryDirectory("lab-commands")
        let pid: pid_t
        switch spawnChild(
            httpdiagBinary,
            [httpdiagBinary, "lab", "--port", "0"],
            environment: currentEnvironment(),
            stdout: dir + "/lab.out",
            stderr: dir + "/lab.err"
        ) {
        case .success(let p): pid = p
        case .failure(let e): throw e
        }
        defer {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        var lines: [Substring] = []
        for _ in 0..<200 {
            let out = (try? String(contentsOfFile: dir + "/lab.out", encoding: .utf8)) ?? ""
            if out.contains("TLS certificates") {
                lines = out.split(separator: "\n").filter { $0.hasPrefix("  ") }
                break
            }
            usleep(50_000)
        }
        let expected = Dictionary(uniqueKeysWithValues: LabCatalog.endpoints(corpus: { _ in nil }).map { ($0.name, $0.expected) })
        #expect(lines.count == expected.count, "\(lines)")
        // The lab holds [::1] on its HTTP port closed: no other server can take it there and
        // answer for ipv6-broken (dual.lab.test's AAAA), which must find IPv6 refused.
        let out = (try? String(contentsOfFile: dir + "/lab.out", encoding: .utf8)) ?? ""
        let port = try #require(out.firstMatch(of: /HTTP on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        #expect(ClosedIPv6Port(port) == nil, "[::1]:\(port) could be bound while the lab ran")
        for line in lines {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[1].hasPrefix("httpdiag check ") else {
                Issue.record("not a command line: \(line)")
                continue
            }
            let name = parts[0]
            let command = "'\(httpdiagBinary)'" + String(parts[1].dropFirst("httpdiag".count)) + " --max-time 3"
            let run = try spawnMeasured("/bin/bash", ["-c", command])
            let cause = run.stdout.firstMatch(of: /\n  cause: (\S+)\s/).map { String($0.1) }
            if let want = expected[name] ?? nil {
                #expect(cause == want, "\(name): \(command)\n\(run.stdout.prefix(600))\(run.stderr)")
            } else {
                #expect(run.stdout.hasPrefix("OK: "), "\(name): \(run.stdout.prefix(300))")
            }
        }
    }

    /// Every lab report, text and Markdown, is rendered: no placeholder left, no stray
    /// fragment of one, and remediation names the endpoint's real port.
    @Test func everyLabReportIsFullyRendered() throws {
        let reports = try makeTemporaryDirectory("lab-rendered")
        let r = try runCLI(["lab", "--check", "--reports", reports])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
        let names = LabCatalog.endpoints(corpus: { _ in nil }).map(\.name)
        for name in names {
            #expect(files.contains(name + ".md") && files.contains(name + ".txt"), "\(name): \(files)")
        }
        for file in files where file.hasSuffix(".md") || file.hasSuffix(".txt") {
            let text = try String(contentsOfFile: reports + "/" + file, encoding: .utf8)
            for stray in ["{{", "}}}", "?}", "<status>", "<reason>", "<url>", "<port>", "<host>", "<method>", "<address>"] {
                #expect(!text.contains(stray), "\(file) shows unrendered template text '\(stray)'")
            }
        }
        let tls = try String(contentsOfFile: reports + "/tls-expired.txt", encoding: .utf8)
        let port = try #require(tls.firstMatch(of: /on 127\.0\.0\.1:(\d+)/).map { String($0.1) }, "\(tls)")
        #expect(tls.contains("-connect localhost:\(port) "), "\(tls)")
        // :443 as a port of its own (a free port such as 44385 starts with it too).
        #expect(tls.firstMatch(of: /localhost:443(?!\d)/) == nil, "\(tls)")
        #expect(!tls.split(separator: "\n")[0].contains(" | "), "the text report is the terminal's: no perfdata")
    }
}
