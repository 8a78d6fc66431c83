import Foundation
import HTTPDiagLab
import HTTPDiagPlaybooks
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore
@testable import HTTPDiagFleet

/// A missing variable costs one endpoint, `--only` reads one endpoint, YAML is a config
/// too, and what the state says comes out as JSON with RFC 3339 times in columns that fit.
@Suite("Fleet ergonomics")
struct FleetErgonomicsTests {
    static let twoEndpoints = """
        {"endpoints": [
          {"name": "a", "url": "http://127.0.0.1:9/a"},
          {"name": "b", "url": "http://127.0.0.1:9/b", "headers": {"Authorization": "Bearer ${FLEET_ERGO_NOPE}"}, "tags": ["secret"]}
        ]}
        """

    @Test func anUnsetVariableDisablesOnlyItsEndpoint() throws {
        let path = try writeTemp(Self.twoEndpoints)
        let config = try ConfigLoader.load(file: path, environment: [:])
        #expect(config.endpoints.map(\.name) == ["a", "b"])
        #expect(config.endpoints[0].disabled == nil)
        #expect(config.endpoints[1].disabled == "not probed: endpoints[1].headers.Authorization: environment variable FLEET_ERGO_NOPE is not set")
        let runner = FleetRunner(engine: DiagnosisEngine(playbooks: []), concurrency: 1)
        let outcome = runner.probe(config.endpoints[1])
        #expect(outcome.verdict == .unknown)
        #expect(outcome.reason.contains("FLEET_ERGO_NOPE is not set"))
        // Selected alone, it is the error it always was.
        #expect(throws: ConfigError.self) { try ConfigLoader.load(file: path, environment: [:], only: ["b"]) }
    }

    @Test func onlyDoesNotEvaluateTheOthers() throws {
        let path = try writeTemp(
            """
            {"endpoints": [
              {"name": "a", "url": "http://127.0.0.1:9/a"},
              {"name": "b", "url": "ftp://nope/", "tiemout_s": 3, "tls": {"ca": "/nonexistent/${NOPE}"}}
            ]}
            """
        )
        #expect(throws: ConfigError.self) { try ConfigLoader.load(file: path, environment: [:]) }
        let only = try ConfigLoader.load(file: path, environment: [:], only: ["a"])
        #expect(only.endpoints.map(\.name) == ["a"])
        let byTag = try ConfigLoader.load(file: try writeTemp(Self.twoEndpoints), environment: ["FLEET_ERGO_NOPE": "t"], only: ["tag:secret"])
        #expect(byTag.endpoints.map(\.name) == ["b"])
    }

    @Test func aYAMLConfigHasTheSameSchemaAndLocatedErrors() throws {
        let yaml = try writeTemp(
            """
            defaults:
              timeout_s: 2
            endpoints:
              - name: a
                url: http://127.0.0.1:9/a
                expect: {status: [200, 204]}
              - name: b
                url: http://127.0.0.1:9/b
            """,
            name: "fleet.yaml"
        )
        let config = try ConfigLoader.load(file: yaml, environment: [:])
        #expect(config.endpoints.map(\.name) == ["a", "b"])
        #expect(config.endpoints[0].expect.status == [200, 204] && config.endpoints[1].timeoutMs == 2000)
        let bad = try writeTemp("endpoints:\n  - name: a\n    url: http://x/\n    tiemout_s: 3\n", name: "fleet.yml")
        do {
            _ = try ConfigLoader.load(file: bad, environment: [:])
            Issue.record("loaded an unknown key")
        } catch let e as ConfigError {
            #expect(e.description.hasPrefix(bad + ":4: endpoints[0].tiemout_s: unknown key (did you mean 'timeout_s'?)"), "\(e)")
        }
        let broken = try writeTemp("endpoints: [\n", name: "broken.yaml")
        #expect {
            _ = try ConfigLoader.load(file: broken, environment: [:])
        } throws: { e in
            "\(e)".contains("invalid YAML")
        }
    }

    static func incident(id: Int64, endpoint: String, resolved: Bool) -> Incident {
        Incident(
            id: id,
            endpoint: endpoint,
            openedAt: 1_767_225_600,
            lastSeenAt: 1_767_225_900,
            resolvedAt: resolved ? 1_767_226_000 : nil,
            count: 5,
            firstDiagnosis: "server_error",
            lastDiagnosis: "upstream_unavailable",
            diagnosisChanges: 1,
            flapping: false,
            lastReason: "503 Service Unavailable",
            reportPath: nil
        )
    }

    @Test func incidentsColumnsFit() {
        let lines = StateReport.incidentLines([
            Self.incident(id: 7, endpoint: "a-very-long-endpoint-name-for-the-columns", resolved: false),
            Self.incident(id: 12345, endpoint: "b", resolved: true),
        ])
        #expect(lines.count == 3)
        let column = lines.map { line -> Int? in line.firstRange(of: "OPENED").map { line.distance(from: line.startIndex, to: $0.lowerBound) } }
        let dates = lines.dropFirst().map { line -> Int? in
            line.firstRange(of: "2026-").map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        #expect(dates.allSatisfy { $0 != nil && $0 == column[0] }, "\(lines.joined(separator: "\n"))")
        #expect(lines[1].contains("5 min 0 s") && lines[1].contains("upstream_unavailable"))
    }

    static func isRFC3339(_ s: Any?) -> Bool {
        guard let s = s as? String else { return false }
        return s.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/) != nil
    }

    @Test func historyAndIncidentsAsJSONWithRFC3339Times() throws {
        let incidents = try StateReport.incidentsJSON([Self.incident(id: 1, endpoint: "a", resolved: true)])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(incidents.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "httpdiag.incidents/v1")
        let first = try #require((doc["incidents"] as? [[String: Any]])?.first)
        for key in ["opened_at", "last_seen_at", "resolved_at"] { #expect(Self.isRFC3339(first[key]), "\(key): \(first[key] ?? "nil")") }
        #expect(first["runs"] as? Int == 5 && first["state"] as? String == "resolved")
        let row = HistoryRow(
            runAt: 1_767_225_600,
            verdict: "CRITICAL",
            totalMs: 12,
            status: 503,
            failureKind: "http_status",
            diagnosisIds: "upstream_unavailable,server_error",
            reason: "503"
        )
        let history = try StateReport.historyJSON(endpoint: "a", [row])
        let h = try #require(try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [String: Any])
        #expect(h["schema"] as? String == "httpdiag.history/v1")
        let result = try #require((h["results"] as? [[String: Any]])?.first)
        #expect(Self.isRFC3339(result["run_at"]))
        #expect(result["diagnoses"] as? [String] == ["upstream_unavailable", "server_error"])
        #expect(StateReport.historyLines([row])[0].hasPrefix("2026-01-01T00:00:00Z  CRITICAL"))
    }

    @Test func webhookTimestampsAreRFC3339() throws {
        let path = try writeTemp(Self.twoEndpoints)
        let endpoint = try ConfigLoader.load(file: path, environment: [:]).endpoints[1]
        let outcome = FleetRunner(engine: DiagnosisEngine(playbooks: []), concurrency: 1).probe(endpoint)
        let event = IncidentEvent(kind: .resolved, incident: Self.incident(id: 3, endpoint: "b", resolved: true), outcome: outcome)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(WebhookNotifier.payload(event).utf8)) as? [String: Any])
        #expect(Self.isRFC3339(payload["opened_at"]) && Self.isRFC3339(payload["resolved_at"]), "\(payload)")
        #expect(payload["opened_at_unix"] as? Double == 1_767_225_600)
        #expect(payload["incident_id"] as? Int == 3)
    }

    @Test func theIncidentReportCountsRunsAsIncidentsDoes() throws {
        let path = try writeTemp(Self.twoEndpoints)
        let endpoint = try ConfigLoader.load(file: path, environment: [:]).endpoints[1]
        let outcome = FleetRunner(engine: DiagnosisEngine(playbooks: []), concurrency: 1).probe(endpoint)
        let incident = Self.incident(id: 3, endpoint: "b", resolved: false)
        let footer = IncidentReports.footer(IncidentEvent(kind: .opened, incident: incident, outcome: outcome), id: 3)
        let line = StateReport.incidentLines([incident])[1]
        #expect(footer.contains("\(incident.count) failing run(s)"))
        #expect(line.contains("  \(incident.count)  "), "the RUNS column says the same count: \(line)")
    }
}
