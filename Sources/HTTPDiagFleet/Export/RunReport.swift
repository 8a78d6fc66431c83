import Foundation
import HTTPDiagCore

/// Text lines and the JSON document (`httpdiag.run/v1`) of a fleet run.
public enum RunReport {
    public static func line(_ o: EndpointOutcome, style: Style, width: Int) -> String {
        let verdict = o.verdict.rawValue.padded(8)
        let colored = o.verdict == .ok ? style.green(verdict) : o.verdict == .warning ? style.yellow(verdict) : style.red(verdict)
        let latency = (Format.fixed(o.latencyMs, 0) + " ms").padded(9)
        let cause = o.diagnosisIDs.first.map { "  \($0)" } ?? ""
        return "\(colored) \(o.name.padded(width))  \(latency) \(o.reason)\(cause)"
    }

    public static func eventLine(_ e: IncidentEvent) -> String {
        let o = e.outcome
        switch e.kind {
        case .opened:
            return "incident \(e.incident.id ?? 0) opened: \(o.name) \(o.verdict.rawValue) \(o.reason)"
                + (o.diagnosisIDs.first.map { " — likely \($0)" } ?? "") + (e.incident.flapping ? " (flapping)" : "")
        case .changed: return "incident \(e.incident.id ?? 0) changed: \(o.name) now \(o.diagnosisIDs.first ?? "no diagnosis") (\(o.reason))"
        case .resolved:
            return
                "incident \(e.incident.id ?? 0) resolved: \(o.name) after \(Int(e.incident.durationSeconds.rounded())) s, \(e.incident.count) failing run(s)"
        case .ongoing: return ""
        }
    }

    public static func summary(_ outcomes: [EndpointOutcome], durationMs: Double) -> String {
        let counts = Dictionary(grouping: outcomes, by: \.verdict).mapValues(\.count)
        let parts = Verdict.allCases.compactMap { v in counts[v].map { "\($0) \(v.rawValue)" } }
        return "\(outcomes.count) endpoints in \(Format.fixed(durationMs / 1000, 2)) s: " + parts.joined(separator: ", ")
    }

    public static func json(
        _ outcomes: [EndpointOutcome],
        events: [IncidentEvent],
        started: Date,
        durationMs: Double,
        interrupted: String? = nil
    ) throws -> String {
        struct Doc: Encodable {
            var schema = "httpdiag.run/v1"
            var verdict: Verdict
            var startedAt: Date
            var durationMs: Double
            /// The signal that interrupted the run (absent for a complete run).
            var interrupted: String?
            var endpoints: [Entry]
        }
        struct Entry: Encodable {
            var name: String, url: String, tags: [String], verdict: Verdict, reason: String, latencyMs: Double
            var status: Int?, failureKind: String?, diagnoses: [String], expectationFailures: [String]
            var incident: IncidentInfo?
        }
        struct IncidentInfo: Encodable {
            var id: Int64?
            var event: String
            var openedAt: Date
            var count: Int
            var flapping: Bool
        }
        let byName = Dictionary(events.map { ($0.outcome.name, $0) }, uniquingKeysWith: { a, _ in a })
        let doc = Doc(
            verdict: outcomes.map(\.verdict).max() ?? .unknown,
            startedAt: started,
            durationMs: durationMs,
            interrupted: interrupted,
            endpoints: outcomes.map { o in
                Entry(
                    name: o.name,
                    url: o.url,
                    tags: o.tags,
                    verdict: o.verdict,
                    reason: o.reason,
                    latencyMs: o.latencyMs,
                    status: o.status,
                    failureKind: o.failureKind,
                    diagnoses: o.diagnosisIDs,
                    expectationFailures: o.expectationFailures,
                    incident: byName[o.name].map {
                        IncidentInfo(
                            id: $0.incident.id,
                            event: $0.kind.rawValue,
                            openedAt: Date(timeIntervalSince1970: $0.incident.openedAt),
                            count: $0.incident.count,
                            flapping: $0.incident.flapping
                        )
                    }
                )
            }
        )
        return String(decoding: try JSONReport.encoder().encode(doc), as: UTF8.self)
    }
}

extension String {
    /// Left-aligned in `n` columns (never cut).
    fileprivate func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
