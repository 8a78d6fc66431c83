import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

/// `--report-dir`: the Markdown incident report, written when an incident opens,
/// rewritten when its diagnosis changes, with the resolution appended. The text is made
/// (and redacted) when the run is recorded, kept in the outbox, and written after the
/// commit (`Outbox.deliverFiles`).
public enum IncidentReports {
    public static func path(directory: String, incident: Incident) -> String {
        incident.reportPath ?? "\(directory)/\(incident.endpoint)-incident-\(incident.id ?? 0).md"
    }

    /// The Markdown of a probe, before the incident's footer.
    public static func body(_ report: CheckReport) -> String { MarkdownReport.render(report) }

    /// The same through the boundary (the report's own secrets and the run's).
    public static func body(_ report: CheckReport, boundary: OutputBoundary) -> RedactedText {
        boundary.adding(report.redaction).pass(body(report))
    }

    /// The whole report of an opened or changed incident: `body` (already rendered and
    /// redacted while probing: passed again, it is text read back from a spool file) or
    /// the outcome's report; nil when neither is there.
    public static func document(_ e: IncidentEvent, body: String?, boundary: OutputBoundary) -> RedactedText? {
        guard let id = e.incident.id else { return nil }
        let b = boundary.adding(e.outcome.redaction)
        guard let text = body.map({ b.pass($0) }) ?? e.outcome.report.map({ Self.body($0, boundary: b) }) else { return nil }
        return text + b.pass(footer(e, id: id))
    }

    static func footer(_ e: IncidentEvent, id: Int64) -> String {
        "\n---\nIncident \(id) of `\(e.incident.endpoint)`: opened \(Format.date(Date(timeIntervalSince1970: e.incident.openedAt))), "
            + "\(e.incident.count) failing run(s) as of \(Format.date(Date(timeIntervalSince1970: e.incident.lastSeenAt))) "
            + "(`httpdiag incidents` shows the count since), diagnosis changed \(e.incident.diagnosisChanges) time(s)"
            + (e.incident.flapping ? ", **flapping** (reopened within an hour of its last resolution)" : "") + ".\n"
    }

    /// The section appended when an incident resolves, through the boundary.
    public static func resolution(_ e: IncidentEvent, boundary: OutputBoundary) -> RedactedText {
        boundary.adding(e.outcome.redaction).pass(resolution(e))
    }

    /// The section appended when an incident resolves.
    public static func resolution(_ e: IncidentEvent) -> String {
        "\n## Resolved\n\nResolved \(Format.date(Date(timeIntervalSince1970: e.incident.resolvedAt ?? 0))) after "
            + "\(Int(e.incident.durationSeconds.rounded())) s and \(e.incident.count) failing run(s): now \(e.outcome.verdict.rawValue) \(e.outcome.reason).\n"
    }
}
