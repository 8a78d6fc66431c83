import Foundation
import HTTPDiagLab
import HTTPDiagPlaybooks
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagFleet

#if canImport(Glibc)
import Glibc
#endif

/// The fleet session alone (no CLI, no signals caught): config, lock, state, probes,
/// incidents, exports and output, against the loopback lab server.
@Suite("Fleet session")
struct FleetSessionTests {
    static let secret = "fleet-s3cr3t-0123456789abcdef"

    func setUp(_ server: LabServer) throws -> (config: String, dir: String) {
        let config = try writeTemp(
            """
            {"defaults": {"timeout_s": 3, "followups": false, "headers": {"Authorization": "Bearer \(Self.secret)"}},
             "endpoints": [
               {"name": "good", "url": "http://127.0.0.1:\(server.port)/good", "tags": ["a"]},
               {"name": "bad", "url": "http://127.0.0.1:\(server.port)/bad?token=\(Self.secret)", "tags": ["b"]}
             ]}
            """
        )
        return (config, (config as NSString).deletingLastPathComponent)
    }

    func options(_ config: String, dir: String) -> FleetSession.Options {
        var o = FleetSession.Options(config: config)
        o.state = dir + "/state.sqlite"
        o.playbooks = PlaybookSource(directories: [playbookDirectory], noDefaults: true)
        return o
    }

    @Test func aRunRecordsIncidentsWritesExportsAndRendersText() throws {
        let server = try LabServer { r in r.path == "/bad" ? .text(503, "down", headers: [("Server", "awselb/2.0")]) : .text(200, "ok") }
        let (config, dir) = try setUp(server)
        var o = options(config, dir: dir)
        o.prometheus = dir + "/httpdiag.prom"
        o.reportDir = dir + "/reports"
        var progress: [Int] = []
        var probed = 0
        var warnings: [String] = []
        let observer = FleetSession.Observer(
            progress: { done, total in
                progress.append(done)
                #expect(total == 2)
            },
            probed: { probed += 1 },
            warning: { warnings.append($0.text) }
        )
        let first = try FleetSession.run(o, observer: observer)
        #expect(first.verdict == .critical)
        #expect(first.exitStatus == 2)
        #expect(first.interrupted == nil)
        #expect(first.selected == 2)
        #expect(progress == [1, 2] && probed == 1)
        #expect(warnings.isEmpty, "\(warnings)")
        // Two outcome lines, the incident that opened, the summary.
        #expect(first.lines.count == 4, "\(first.lines)")
        #expect(first.lines[0].text.hasPrefix("OK ") && first.lines[1].text.hasPrefix("CRITICAL "))
        #expect(first.lines[2].text.hasPrefix("incident 1 opened: bad CRITICAL"))
        #expect(first.lines[3].text.hasPrefix("2 endpoints in "))
        #expect(first.lines.allSatisfy { !$0.text.contains(Self.secret) })
        let prom = try String(contentsOfFile: dir + "/httpdiag.prom", encoding: .utf8)
        #expect(prom.contains("endpoint=\"bad\""))
        #expect(!prom.contains(Self.secret))
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir + "/reports")
        #expect(reports == ["bad-incident-1.md"])

        // Quiet: the second run changes nothing, so it says nothing.
        o.quiet = true
        let second = try FleetSession.run(o)
        #expect(second.lines.isEmpty)
        #expect(second.exitStatus == 2)
        #expect(second.run.events.map(\.kind) == [.ongoing])
    }

    @Test func jsonOutputAndSelectionWithoutState() throws {
        let server = try LabServer { r in r.path == "/bad" ? .text(503, "down") : .text(200, "ok") }
        let (config, dir) = try setUp(server)
        var o = options(config, dir: dir)
        o.noState = true
        o.format = .json
        o.only = ["tag:a"]
        let result = try FleetSession.run(o)
        #expect(result.exitStatus == 0)
        #expect(result.lines.count == 1)
        let doc = try JSONSerialization.jsonObject(with: Data(result.lines[0].text.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "httpdiag.run/v1")
        #expect((doc?["endpoints"] as? [[String: Any]])?.map { $0["name"] as? String } == ["good"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/state.sqlite"))

        o.only = ["nothing"]
        do {
            _ = try FleetSession.run(o)
            Issue.record("no error")
        } catch let e as FleetError {
            #expect(e == .noEndpointSelected(only: ["nothing"], config: config))
            #expect(e.description == "--only nothing: no endpoint of \(config) matches")
            #expect(e.httpStatus == 400)
        }
    }

    @Test func aLockedStateIsA503AndBadOptionsA400() throws {
        let server = try LabServer { _ in .text(200, "ok") }
        let (config, dir) = try setUp(server)
        var o = options(config, dir: dir)
        let held = try RunLock(statePath: o.state!, waitSeconds: 0)
        do {
            _ = try FleetSession.run(o)
            Issue.record("no error")
        } catch let e as FleetError {
            guard case .locked = e else {
                Issue.record("not .locked: \(e)")
                return
            }
            #expect(e.description.contains("another httpdiag run (pid \(getpid())) holds"))
            #expect(e.httpStatus == 503)
            #expect(ExitStatus.of(e) == 3)
        }
        withExtendedLifetime(held) {}
        o.concurrency = 0
        #expect(throws: FleetError.invalidOption("--concurrency must be from 1 to 1000")) { try FleetSession.run(o) }
        #expect(FleetError.invalidOption("x").httpStatus == 400)
    }
}

/// Every exit code comes from `ExitStatus`; every error says its HTTP status.
@Suite("Exit codes and HTTP statuses")
struct ExitStatusTests {
    @Test func verdicts() {
        #expect(Verdict.allCases.map(ExitStatus.of) == [0, 1, 2, 3])
        #expect(Verdict.allCases.map(\.exitCode) == [0, 1, 2, 3])
    }

    @Test func errorsAreUnknownUnlessASignalInterrupted() {
        #expect(ExitStatus.of(InputError("bad flag")) == 3)
        #expect(ExitStatus.of(FleetError.state(path: "/s", message: "is damaged")) == 3)
        #expect(ExitStatus.of(PlaybookError(file: "x.yaml", line: 1, message: "bad")) == 3)
        #expect(ExitStatus.of(LabError.system("bind")) == 3)
        #expect(ExitStatus.of(CocoaError(.fileNoSuchFile)) == 3)
        #expect(ExitStatus.of(FleetError.interrupted(signal: SIGTERM, message: "m")) == 143)
        #expect(ExitStatus.of(FleetError.interrupted(signal: SIGINT, message: "m")) == 130)
        #expect(ExitStatus.interrupted(by: SIGHUP) == 129)
    }

    @Test func httpStatuses() {
        #expect(InputError("bad").httpStatus == 400)
        #expect(FleetError(file: "c.json", path: "endpoints", line: 1, message: "m").httpStatus == 400)
        #expect(FleetError.state(path: "/s", message: "m").httpStatus == 500)
        #expect(FleetError.output("m").httpStatus == 500)
        #expect(FleetError.lockFailed("m").httpStatus == 500)
        #expect(FleetError.locked("m").httpStatus == 503)
        #expect(FleetError.interrupted(signal: SIGTERM, message: "m").httpStatus == 503)
        #expect(PlaybookError(file: "x.yaml", line: 2, message: "m").httpStatus == 400)
        #expect(PlaybookError.unreadableDirectory("d").httpStatus == 400)
        #expect(LabError.system("bind").httpStatus == 500)
    }

    @Test func messagesAreOneLineAndNameWhatWasWritten() {
        let several = PlaybookError(errors: [
            PlaybookError(file: "a.yaml", line: 1, message: "x"), PlaybookError(file: "b.yaml", line: nil, message: "y"),
        ])
        #expect(several.description == "a.yaml:1: x\nb.yaml: y")
        #expect(several.errorDescription == "a.yaml:1: x (and 1 more: run httpdiag playbooks lint)")
        #expect(PlaybookError(errors: [several]).errors.count == 2)
        #expect(InputError("a\nb").errorDescription == "a\\nb")
        #expect(FleetError(path: "/s.sqlite", message: "is damaged").errorDescription == "state file /s.sqlite is damaged")
        #expect(
            FleetError(file: "c.json", path: "endpoints[0].dns_server", line: 3, message: "'x': bad").description
                == "c.json:3: endpoints[0].dns_server: 'x': bad"
        )
    }
}
