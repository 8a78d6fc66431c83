import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagPlaybooks

/// The curl outputs of a check session and several URLs in one call (issue 11), without
/// the CLI: what is written, in which order, to which stream, and what -s keeps.
@Suite("Check batch and curl outputs")
struct CheckBatchTests {
    static let secret = "batch-t0ken-0123456789abcdef"

    func options(format: CheckSession.Format = .text, curl: CurlOutputs = CurlOutputs()) -> CheckSession.Options {
        var probe = ProbeOptions(url: "")
        probe.headers = ["Authorization: Bearer \(Self.secret)"]
        probe.followups = false
        probe.maxTimeMs = 3000
        var o = CheckSession.Options(probe: probe)
        o.format = format
        o.curl = curl
        o.playbooks = PlaybookSource(directories: [playbookDirectory], noDefaults: true)
        return o
    }

    static func text(_ e: CheckBatch.Emission) -> String {
        switch e {
        case .stdout(let t, let terminator): "stdout:" + t.text + terminator
        case .stderr(let t): "stderr:" + t.text
        }
    }

    @Test func theReportThenTheWriteOutThenTheVerboseExchange() throws {
        let server = try labServer(.echo)
        let curl = CurlOutputs(verbose: true, writeOut: WriteOutFormat("%{http_code}\\n"))
        let result = try CheckBatch.run(options(curl: curl), urls: [server.baseURL + "/e"])
        let out = result.emissions.map(Self.text)
        #expect(out.count == 3, "\(out)")
        #expect(out[0].hasPrefix("stdout:OK: 200"))
        #expect(out[1] == "stdout:200\n")
        #expect(out[2].hasPrefix("stderr:*   Trying 127.0.0.1:\(server.port)..."))
        #expect(out[2].contains("> Authorization: Bearer <redacted:"), "\(out[2])")
        for line in out { #expect(!line.contains(Self.secret)) }
    }

    @Test func silentKeepsTheVerdictLineOrOnlyTheWriteOutAndJSONWhole() throws {
        let server = try labServer(.text(503, "down"))
        let url = server.baseURL + "/"
        let quiet = try CheckSession.run(
            {
                var o = options(curl: CurlOutputs(quiet: true))
                o.probe.url = url
                return o
            }()
        )
        #expect(quiet.output.text.hasPrefix("CRITICAL: 503") && !quiet.output.text.contains("\n"))
        #expect(quiet.exitStatus == 2)
        let withW = try CheckBatch.run(options(curl: CurlOutputs(writeOut: WriteOutFormat("%{http_code} %{bad}"), quiet: true)), urls: [url])
        #expect(withW.emissions.map(Self.text) == ["stdout:503 "], "no report line, no warning")
        let json = try CheckSession.run(
            {
                var o = options(format: .json, curl: CurlOutputs(quiet: true))
                o.probe.url = url
                return o
            }()
        )
        #expect((try? JSONSerialization.jsonObject(with: Data(json.output.text.utf8))) != nil)
    }

    @Test func severalURLsAreHeadedAndTheWorstVerdictWins() throws {
        let ok = try labServer(.text(200, "fine"))
        let down = try labServer(.text(500, "broken"))
        let urls = [ok.baseURL + "/1", down.baseURL + "/2", ok.baseURL + "/3"]
        let report = try makeTemporaryDirectory("check-batch") + "/report.md"
        var o = options()
        o.reportFile = report
        let result = try CheckBatch.run(o, urls: urls)
        #expect(result.checks.map(\.verdict) == [.ok, .critical, .ok])
        #expect(result.verdict == .critical && result.exitStatus == 2)
        let headers = result.emissions.map(Self.text).filter { $0.contains("==> ") }
        #expect(headers == ["stdout:==> \(urls[0]) <==\n", "stdout:\n==> \(urls[1]) <==\n", "stdout:\n==> \(urls[2]) <==\n"])
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.components(separatedBy: "\n\n---\n\n").count == 3)
        #expect(!written.contains(Self.secret))
    }

    @Test func badCombinationsAreRefusedBeforeAnyProbe() throws {
        let o = options(format: .json, curl: CurlOutputs(writeOut: WriteOutFormat("%{http_code}")))
        #expect(throws: InputError.self) { try CheckBatch.run(o, urls: ["http://127.0.0.1:1/", "http://127.0.0.1:2/"]) }
        #expect(throws: InputError.self) { try CheckBatch.run(options(), urls: ["http://127.0.0.1:1/"], bodyFiles: ["/tmp/a", "/tmp/b"]) }
        #expect(throws: InputError.self) { try CheckBatch.run(options(), urls: []) }
        #expect(throws: (any Error).self) { try CheckBatch.run(options(), urls: ["http://127.0.0.1:1/", "nonsense://x"]) }
    }
}
