import Foundation
import HTTPDiagCore

/// `httpdiag history` and `httpdiag incidents`: text with columns that fit, or JSON
/// (`--format json`, schemas `httpdiag.history/v1` and `httpdiag.incidents/v1`). Every
/// timestamp is RFC 3339 (`2026-01-02T03:04:05Z`). What the state says is input too
/// (an older httpdiag, or anyone, may have written it): it is neutralised here, and the
/// caller passes it through the output boundary.
public enum StateReport {
    /// RFC 3339, UTC, seconds.
    public static func timestamp(_ unixSeconds: Double) -> String { Format.date(Date(timeIntervalSince1970: unixSeconds)) }

    public static func historyLines(_ rows: [HistoryRow]) -> [String] {
        rows.map { r in
            ControlCharacters.neutralize(
                "\(timestamp(r.runAt))  \(r.verdict.padded(8)) \((Format.fixed(r.totalMs, 0) + " ms").padded(9)) \(r.reason)"
                    + (r.diagnosisIds.isEmpty ? "" : "  \(r.diagnosisIds.split(separator: ",").first ?? "")")
            )
        }
    }

    public static func historyJSON(endpoint: String, _ rows: [HistoryRow]) throws -> String {
        struct Doc: Encodable {
            var schema = "httpdiag.history/v1"
            var endpoint: String
            var results: [Entry]
        }
        struct Entry: Encodable {
            var runAt: String, verdict: String, totalMs: Double, status: Int?, failureKind: String?, diagnoses: [String], reason: String
        }
        let doc = Doc(
            endpoint: ControlCharacters.neutralize(endpoint),
            results: rows.map {
                Entry(
                    runAt: timestamp($0.runAt),
                    verdict: $0.verdict,
                    totalMs: $0.totalMs,
                    status: $0.status,
                    failureKind: $0.failureKind,
                    diagnoses: $0.diagnosisIds.split(separator: ",").map { ControlCharacters.neutralize(String($0)) },
                    reason: ControlCharacters.neutralize($0.reason)
                )
            }
        )
        return String(decoding: try JSONReport.encoder().encode(doc), as: UTF8.self)
    }

    /// A header and one row per incident, each column as wide as its widest cell.
    public static func incidentLines(_ list: [Incident]) -> [String] {
        let header = ["ID", "STATE", "ENDPOINT", "OPENED", "DURATION", "RUNS", "DIAGNOSIS", ""]
        let rows: [[String]] = list.map { i in
            [
                "#\(i.id ?? 0)", i.resolvedAt == nil ? "OPEN" : "resolved", i.endpoint, timestamp(i.openedAt),
                duration(i.durationSeconds), "\(i.count)", i.lastDiagnosis ?? "-",
                [i.diagnosisChanges > 0 ? "diagnosis changed \(i.diagnosisChanges)×" : "", i.flapping ? "flapping" : ""]
                    .filter { !$0.isEmpty }.joined(separator: ", "),
            ].map { ControlCharacters.neutralize($0) }
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padded(widths[c]) }.joined(separator: "  ").trimmedSpaces()
        }
    }

    public static func incidentsJSON(_ list: [Incident]) throws -> String {
        struct Doc: Encodable {
            var schema = "httpdiag.incidents/v1"
            var incidents: [Entry]
        }
        struct Entry: Encodable {
            var id: Int64?, endpoint: String, state: String, openedAt: String, lastSeenAt: String, resolvedAt: String?
            var durationS: Double, runs: Int, firstDiagnosis: String?, lastDiagnosis: String?, diagnosisChanges: Int
            var flapping: Bool, lastReason: String, reportPath: String?
        }
        let doc = Doc(
            incidents: list.map { i in
                Entry(
                    id: i.id,
                    endpoint: ControlCharacters.neutralize(i.endpoint),
                    state: i.resolvedAt == nil ? "open" : "resolved",
                    openedAt: timestamp(i.openedAt),
                    lastSeenAt: timestamp(i.lastSeenAt),
                    resolvedAt: i.resolvedAt.map(timestamp),
                    durationS: i.durationSeconds.rounded(),
                    runs: i.count,
                    firstDiagnosis: i.firstDiagnosis.map { ControlCharacters.neutralize($0) },
                    lastDiagnosis: i.lastDiagnosis.map { ControlCharacters.neutralize($0) },
                    diagnosisChanges: i.diagnosisChanges,
                    flapping: i.flapping,
                    lastReason: ControlCharacters.neutralize(i.lastReason),
                    reportPath: i.reportPath.map { ControlCharacters.neutralize($0) }
                )
            }
        )
        return String(decoding: try JSONReport.encoder().encode(doc), as: UTF8.self)
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }
}

extension String {
    fileprivate func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
