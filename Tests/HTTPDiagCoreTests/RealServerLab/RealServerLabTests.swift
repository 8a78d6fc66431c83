import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Real server software from Debian (nginx, Apache httpd, HAProxy, Varnish, gunicorn,
/// uvicorn), started by the test on free loopback ports and misconfigured as operators
/// misconfigure it; `httpdiag check --format json` must rank the case's expected root
/// cause first. Every case prints its top 3 ids, statuses, Server header and the body's
/// start; with HTTPDIAG_LAB_RECORD=DIR each exchange is saved there (RealServerLabRecording).
/// The cases: RealServerLabCases.swift. Needs the binary (`swift build`) and the packages
/// of `scripts/install-deps.sh test`: a missing one fails its cases, it never skips them.
@Suite("Real-server lab: Debian servers misconfigured as operators do")
struct RealServerLabTests {
    @Test(arguments: RealServerLabCase.all)
    func topDiagnosis(_ labCase: RealServerLabCase) throws {
        let started = Date()
        let topology = try RealServerTopology(labCase)
        let setUp = Date().timeIntervalSince(started)
        defer {
            let left = topology.stop()
            #expect(left.isEmpty, "\(labCase.name): still running after teardown: \(left)")
        }
        let port = topology.server.port
        let request = try RealServerLabRequestFiles()
        defer { request.remove() }

        var flags = labCase.request.flags.map { request.expand($0, port: port) }
        let host: String
        switch labCase.request.target {
        case .loopback:
            host = "127.0.0.1"
        case .testDNS(let name):
            try #require(TestDNS.started, "dnsmasq for the test zone did not start")
            host = name
            flags += ["--dns-server", "127.0.0.1:\(TestDNS.port)"]
        case .name(let name):
            host = name
        }
        let url = "http://\(host):\(port)\(labCase.request.path)"
        for _ in 0..<labCase.request.warmup {
            _ = try spawnMeasured("/usr/bin/curl", ["-s", "-o", "/dev/null", "--max-time", "5", "http://127.0.0.1:\(port)\(labCase.request.path)"])
        }

        let checkStarted = Date()
        let r = try runCLI(["check", url, "--format", "json", "--max-time", "10"] + flags)
        let outcome: RealServerLabOutcome
        do {
            outcome = try RealServerLabOutcome(json: r.stdout)
        } catch {
            Issue.record("\(labCase.name): httpdiag exited \(r.status): \(r.stderr) \(r.stdout.prefix(500))")
            return
        }
        print(outcome.report(labCase) + String(format: "\n    time: servers %.2f s, check %.2f s", setUp, Date().timeIntervalSince(checkStarted)))
        if RealServerLabRecording.directory != nil {
            // No status line: keep the bytes themselves, fetched once more with curl.
            var raw: [UInt8]?
            if outcome.shown == nil, case .loopback = labCase.request.target {
                let file = request.dir + "/raw-response"
                _ = try spawnMeasured("/usr/bin/curl", ["-si", "--http0.9", "--max-time", "5", "-o", file, url])
                raw = FileManager.default.contents(atPath: file).map { Array($0) }
            }
            try RealServerLabRecording.save(
                labCase,
                outcome: outcome,
                url: url,
                flags: labCase.request.flags.map { $0.replacingOccurrences(of: "{{port}}", with: String(port)) },
                versions: RealServerVersions.text(for: labCase),
                raw: raw
            )
        }
        #expect(
            labCase.acceptable.contains(outcome.top ?? "(no diagnosis)"),
            "\(labCase.name): expected \(labCase.acceptable.joined(separator: " or ")), got \(outcome.ids.prefix(3))"
        )
    }
}
