import Foundation
import HTTPDiagLab
import HTTPDiagPlaybooks
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagFleet

/// A lab endpoint whose behaviour the test switches between runs.
final class Switch: Sendable {
    let state = Mutex<LabBehavior>(.text(200, "ok"))
    func set(_ b: LabBehavior) { state.withLock { $0 = b } }
}

func engine() throws -> DiagnosisEngine {
    DiagnosisEngine(playbooks: try PlaybookLoader.load(directories: [repositoryRoot.appendingPathComponent("Playbooks").path], strict: false))
}

func endpoint(_ name: String, _ url: String, timeoutMs: Int = 3000) -> EndpointConfig {
    EndpointConfig(
        name: name,
        url: url,
        method: nil,
        headers: [],
        body: nil,
        expect: Expectation(),
        healthPath: nil,
        samples: 1,
        timeoutMs: timeoutMs,
        connectTimeoutMs: nil,
        tls: TLSOptions(),
        certWarnDays: 14,
        dnsServer: nil,
        tags: []
    )
}

@Suite("Incident lifecycle, state and exports", .serialized)
struct IncidentLifecycleTests {
    @Test func openUpdateChangeResolveWithReports() throws {
        let sw = Switch()
        let server = try LabServer { _ in .custom { _ in sw.state.withLock { $0 } } }
        let dir = try makeTemporaryDirectory("lifecycle")
        let store = try StateStore(path: dir + "/state.sqlite")
        let runner = FleetRunner(engine: try engine(), concurrency: 4)
        let endpoints = [endpoint("api", server.baseURL + "/orders")]
        func run(_ at: Double) throws -> [IncidentEvent] {
            let events = try store.record(
                runner.run(endpoints),
                at: Date(timeIntervalSince1970: at),
                outputs: OutboxTargets(reportDir: dir + "/reports")
            )
            #expect(Outbox(store: store).deliverReports().isEmpty)
            return events
        }
        #expect(try run(1000).isEmpty)  // healthy: no incident

        let albBody =
            "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"
        sw.set(
            .respond(
                status: 503,
                reason: "Service Temporarily Unavailable",
                headers: [("Server", "awselb/2.0"), ("Content-Type", "text/html")],
                body: Array(albBody.utf8)
            )
        )
        let opened = try run(1060)
        #expect(opened.map(\.kind) == [.opened])
        #expect(opened[0].incident.firstDiagnosis == "alb_no_healthy_targets")
        let report = dir + "/reports/api-incident-\(opened[0].incident.id!).md"
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("# CRITICAL: `alb_no_healthy_targets`"))

        let again = try run(1120)
        #expect(again.map(\.kind) == [.ongoing])
        #expect(again[0].incident.count == 2)

        sw.set(
            .respond(
                status: 504,
                headers: [("Server", "awselb/2.0"), ("Content-Type", "text/html")],
                body: Array(
                    "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n"
                        .utf8
                )
            )
        )
        let changed = try run(1180)
        #expect(changed.map(\.kind) == [.changed])
        #expect(changed[0].incident.diagnosisChanges == 1)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains(changed[0].incident.lastDiagnosis ?? "?"))

        sw.set(.text(200, "ok"))
        let resolved = try run(1240)
        #expect(resolved.map(\.kind) == [.resolved])
        #expect(resolved[0].incident.durationSeconds == 180)
        let final = try String(contentsOfFile: report, encoding: .utf8)
        #expect(final.contains("## Resolved"))
        #expect(final.contains("after 180 s and 3 failing run(s)"))

        // Failing again within the hour: a new incident, marked flapping.
        sw.set(.text(500, "boom"))
        let reopened = try run(1300)
        #expect(reopened.map(\.kind) == [.opened])
        #expect(reopened[0].incident.flapping)
        #expect(try store.incidents(openOnly: true).count == 1)
        #expect(try store.history(endpoint: "api", limit: 10).map(\.verdict) == ["OK", "CRITICAL", "CRITICAL", "CRITICAL", "OK", "CRITICAL"])
        #expect(try store.prune(keepDays: 1, now: Date(timeIntervalSince1970: 1190 + 86_400)) == 4)  // the runs at 1000, 1060, 1120, 1180
    }

    /// The outbox keeps a report file's entries in order: a resolution never lands before
    /// the report it closes, each is written once, and what failed is delivered later.
    @Test func outboxKeepsReportOrderPerFileAndWritesEachOnce() throws {
        let sw = Switch()
        sw.set(.text(500, "boom"))
        let server = try LabServer { _ in .custom { _ in sw.state.withLock { $0 } } }
        let dir = try makeTemporaryDirectory("outbox")
        let store = try StateStore(path: dir + "/state.sqlite")
        try "not a directory".write(toFile: dir + "/reports", atomically: true, encoding: .utf8)  // every write fails
        let runner = FleetRunner(engine: try engine(), concurrency: 1)
        let targets = OutboxTargets(reportDir: dir + "/reports")
        let endpoints = [endpoint("api", server.baseURL + "/")]
        _ = try store.record(runner.run(endpoints), at: Date(timeIntervalSince1970: 1000), outputs: targets)
        #expect(Outbox(store: store).deliverReports().count == 1)
        sw.set(.text(200, "ok"))
        _ = try store.record(runner.run(endpoints), at: Date(timeIntervalSince1970: 1060), outputs: targets)
        // The report still cannot be written, and its resolution waits behind it.
        let errors = Outbox(store: store).deliverReports()
        #expect(errors.count == 1 && errors[0].message.contains("not a directory (ENOTDIR)"), "\(errors[0].message)")
        #expect(try store.pendingOutputs().map(\.mode) == ["write", "append"])
        try FileManager.default.removeItem(atPath: dir + "/reports")
        #expect(Outbox(store: store).deliverReports().isEmpty)
        #expect(Outbox(store: store).deliverReports().isEmpty)
        #expect(try store.pendingOutputs().isEmpty)
        let text = try String(contentsOfFile: dir + "/reports/api-incident-1.md", encoding: .utf8)
        #expect(text.components(separatedBy: "## Resolved").count == 2)
        #expect(text.range(of: "Incident 1 of `api`")!.lowerBound < text.range(of: "## Resolved")!.lowerBound)
    }

    @Test func lockMakesTheSecondRunWaitThenFail() throws {
        let state = try makeTemporaryDirectory("lock") + "/state.sqlite"
        let first = try RunLock(statePath: state, waitSeconds: 0)
        let started = Date()
        #expect(throws: RunLockError.self) { _ = try RunLock(statePath: state, waitSeconds: 0.3) }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        do {
            _ = try RunLock(statePath: state, waitSeconds: 0)
        } catch let e as RunLockError {
            #expect(e.message.contains("another httpdiag run (pid \(getpid())) holds \(state).lock"))
        }
        withExtendedLifetime(first) {}
        _ = consume first
        _ = try RunLock(statePath: state, waitSeconds: 0)  // released
    }

    @Test func prometheusTextfileIsValidForPromtool() throws {
        let server = try LabServer { r in r.path == "/bad" ? .text(503, "down", headers: [("Server", "awselb/2.0")]) : .text(200, "ok") }
        let outcomes = FleetRunner(engine: try engine(), concurrency: 2)
            .run([endpoint("good", server.baseURL + "/"), endpoint("bad \"quoted\"", server.baseURL + "/bad")])
        let path = try makeTemporaryDirectory("metrics") + "/httpdiag.prom"
        try PrometheusTextfile.write(outcomes, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("probe_success{endpoint=\"good\"} 1"))
        #expect(text.contains("probe_success{endpoint=\"bad \\\"quoted\\\"\"} 0"))
        #expect(text.contains("probe_http_status_code{endpoint=\"good\"} 200"))
        #expect(text.contains("probe_http_duration_seconds{endpoint=\"good\",phase=\"connect\"}"))
        #expect(text.contains("httpdiag_diagnosis{endpoint=\"bad \\\"quoted\\\"\",id="))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp.\(getpid())"))
        let promtool = "/usr/bin/promtool"
        try #require(FileManager.default.isExecutableFile(atPath: promtool), "promtool missing: make test installs Debian's prometheus")
        let run = try spawnMeasured(promtool, ["check", "metrics"], stdin: path)
        let (status, out) = (run.status, run.stdout + run.stderr)
        #expect(status == 0, "promtool: \(out)")
        // promtool prints lint problems (naming, help text) even when it exits 0.
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "promtool: \(out)")
    }

    @Test func webhookRetriesWithBackoffAndCarriesNoSecrets() throws {
        let received = Mutex<[String]>([])
        let receiver = try LabServer { r in
            .custom { req in
                let n = received.withLock {
                    $0.append(String(decoding: req.body, as: UTF8.self))
                    return $0.count
                }
                return n == 1 ? .text(500, "try again") : .text(200, "ok")
            }
        }
        let target = try LabServer { _ in .text(503, "down") }
        var e = endpoint("pay", target.baseURL + "/?token=SECRET-QUERY-TOKEN")
        e.headers = ["Authorization: Bearer SECRET-BEARER-VALUE"]
        let outcome = FleetRunner(engine: try engine(), concurrency: 1).probe(e)
        let store = try StateStore(path: try makeTemporaryDirectory("hook") + "/s.sqlite")
        let redactor = Prober.makeRedactor(e.probeOptions())
        _ = try store.record([outcome], at: Date(), outputs: OutboxTargets(webhook: true, boundary: OutputBoundary(redactor: redactor)))
        var notifier = WebhookNotifier(url: receiver.baseURL + "/hook")
        notifier.initialBackoffMs = 50
        let rows = Outbox(store: store).claimWebhooks(for: 30)
        let deliveries = notifier.deliver(rows)
        #expect(deliveries.count == 1)
        #expect(deliveries[0].delivered)
        #expect(deliveries[0].attempts == 2)
        let bodies = received.withLock { $0 }
        #expect(bodies.count == 2)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(bodies[1].utf8))
        guard case .object(let o) = json else {
            Issue.record("not JSON: \(bodies[1])")
            return
        }
        #expect(o["event"] == .string("opened"))
        #expect(o["endpoint"] == .string("pay"))
        #expect(o["text"]?.stringValue?.contains("pay opened") == true)
        for body in bodies {
            #expect(!body.contains("SECRET-QUERY-TOKEN") && !body.contains("SECRET-BEARER-VALUE"))
        }
    }
}
