import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The first screen without a diagnosis: line 1, the samples summary, no repeated facts.
@Suite("Text report: the first screen")
struct TextReportTests {
    @Test func perfdataStaysForMonitoringAndLeavesTheTerminal() throws {
        let server = try labServer(.text(200, "ok"))
        let report = try check(server.baseURL + "/")
        let plain = Style(enabled: false)
        let forNagios = TextReport.render(report, style: plain).split(separator: "\n")[0]
        #expect(forNagios.hasPrefix("OK: 200 OK from 127.0.0.1:\(server.port) | time_total="))
        let forPeople = TextReport.render(report, style: plain, perfdata: false).split(separator: "\n")[0]
        #expect(forPeople == "OK: 200 OK from 127.0.0.1:\(server.port)")
        #expect(TextReport.verdictLine(report, style: plain, perfdata: false) == "OK: 200 OK from 127.0.0.1:\(server.port)")
    }

    @Test func samplesAreSummarisedNotOneWaterfallEach() throws {
        let server = try labServer(.sequence([.text(200, "ok"), .text(200, "ok"), .text(502, "bad gateway")]))
        let report = try check(server.baseURL + "/") {
            $0.samples = 3
            $0.followups = false
        }
        let text = TextReport.render(report, style: Style(enabled: false), perfdata: false)
        #expect(text.contains("── 127.0.0.1:\(server.port), 3 samples: 2× 200 OK, 1× 502 Bad Gateway"), "\(text)")
        let header = text.split(separator: "\n").first { $0.contains("p50") }
        #expect(header?.contains("p95") == true, "\(text)")
        // One row per phase for all samples together (not three waterfalls).
        #expect(text.components(separatedBy: "Server processing").count - 1 == 1, "\(text)")
        #expect(text.components(separatedBy: "  Total ").count - 1 == 1, "\(text)")
        // The details are the failing sample's.
        #expect(text.contains("sample 3: CRITICAL 502 Bad Gateway"), "\(text)")
        #expect(text.contains("→ HTTP/1.1 502 Bad Gateway"))
        #expect(!text.contains("→ HTTP/1.1 200 OK"))
    }

    @Test func percentilesAreNearestRank() {
        #expect(TextReport.percentile([5, 1, 3], 50) == 3)
        #expect(TextReport.percentile([5, 1, 3], 95) == 5)
        #expect(TextReport.percentile(Array(1...20).map(Double.init), 95) == 19)
        #expect(TextReport.percentile([], 50) == 0)
    }

    @Test func aChainSeenOnEveryAddressIsPrintedOnce() throws {
        let server = try labServer(.text(200, "ok"))
        var report = try check(server.baseURL + "/")
        let cert = CertificateInfo(subject: "CN=a", issuer: "CN=ca", sans: ["DNS:a"], notBefore: nil, notAfter: nil, daysLeft: 30, selfSigned: false)
        var tls = TLSEvidence(verified: true, chain: [cert])
        tls.version = "TLSv1.3"
        report.probes[0].tls = tls
        var second = report.probes[0]
        second.address = "127.0.0.2"
        report.probes.append(second)
        let text = TextReport.render(report, style: Style(enabled: false))
        #expect(text.components(separatedBy: "issuer CN=ca").count - 1 == 1, "\(text)")
        #expect(text.contains("(the same chain as above)"))
    }
}
