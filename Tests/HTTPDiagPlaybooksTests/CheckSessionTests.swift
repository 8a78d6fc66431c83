import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The check session alone (no CLI): probe, diagnosis, rendering, redaction and the
/// report file, against the loopback lab server.
@Suite("Check session")
struct CheckSessionTests {
    static let secret = "s3cr3t-t0ken-0123456789abcdef"

    func options(_ url: String, format: CheckSession.Format = .text) -> CheckSession.Options {
        var probe = ProbeOptions(url: url)
        probe.headers = ["Authorization: Bearer \(Self.secret)"]
        probe.followups = false
        probe.maxTimeMs = 3000
        var o = CheckSession.Options(probe: probe)
        o.format = format
        o.playbooks = PlaybookSource(directories: [playbookDirectory], noDefaults: true)
        return o
    }

    @Test func aFailingEndpointIsDiagnosedRenderedAndRedacted() throws {
        let server = try LabServer { _ in .text(503, "down", headers: [("Server", "awselb/2.0")]) }
        let url = "http://127.0.0.1:\(server.port)/api"
        let result = try CheckSession.run(options(url))
        #expect(result.verdict == .critical)
        #expect(result.exitStatus == 2)
        #expect(result.output.text.hasPrefix("CRITICAL"), "got: \(result.output.text)")
        #expect(!result.report.diagnoses.isEmpty)
        #expect(!result.output.text.contains(Self.secret))
        // The same bytes as rendering the report by hand, scrubbed by the probe's redactor.
        let redactor = Prober.makeRedactor(options(url).probe)
        #expect(result.output.text == redactor.scrub(TextReport.render(result.report, style: .forTerminal(isTTY: false))))
    }

    @Test func jsonAndMarkdownAndTheReportFile() throws {
        let server = try LabServer { _ in .text(200, "ok") }
        let url = "http://127.0.0.1:\(server.port)/"
        let json = try CheckSession.run(options(url, format: .json))
        #expect(json.verdict == .ok && json.exitStatus == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(json.output.text.utf8)) as? [String: Any]
        #expect(doc?["verdict"] as? String == "OK")
        #expect(!json.output.text.contains(Self.secret))

        let reportFile = NSTemporaryDirectory() + "check-session-\(UUID().uuidString).md"
        defer { try? FileManager.default.removeItem(atPath: reportFile) }
        var o = options(url, format: .markdown)
        o.reportFile = reportFile
        let markdown = try CheckSession.run(o)
        let written = try String(contentsOfFile: reportFile, encoding: .utf8)
        #expect(written == markdown.output.text)
        #expect(!written.contains(Self.secret))
    }

    @Test func badInputIsRefusedBeforeAnyProbe() throws {
        let probes = ProbeCounter()
        let server = try LabServer { _ in
            probes.hit()
            return .text(200, "ok")
        }
        var o = options("http://127.0.0.1:\(server.port)/")
        o.reportFile = "/nonexistent-dir-\(UUID().uuidString)/report.md"
        #expect(throws: PlaybookError.reportNotWritable(o.reportFile!)) { try CheckSession.run(o) }
        o.reportFile = nil
        o.playbooks.directories.append("/nonexistent-\(UUID().uuidString)")
        do {
            _ = try CheckSession.run(o)
            Issue.record("no error")
        } catch let e as PlaybookError {
            #expect(e.description.hasPrefix("--playbooks /nonexistent-"))
            #expect(e.description.hasSuffix(": not a readable directory"))
            #expect(e.httpStatus == 400)
            #expect(ExitStatus.of(e) == 3)
        }
        #expect(probes.count == 0)
    }
}

final class ProbeCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func hit() {
        lock.lock()
        n += 1
        lock.unlock()
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
}
