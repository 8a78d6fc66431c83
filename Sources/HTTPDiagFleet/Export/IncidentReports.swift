import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

/// `--report-dir`: the Markdown incident report, written when an incident opens,
/// rewritten when its diagnosis changes, with the resolution appended.
public enum IncidentReports {
    public static func apply(_ events: [IncidentEvent], directory: String, store: StateStore, redactor: (String) -> String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for e in events {
            guard let id = e.incident.id else { continue }
            let path = e.incident.reportPath ?? "\(directory)/\(e.incident.endpoint)-incident-\(id).md"
            switch e.kind {
            case .opened, .changed:
                var text = MarkdownReport.render(e.outcome.report)
                text += "\n---\nIncident \(id) of `\(e.incident.endpoint)`: opened \(Format.date(Date(timeIntervalSince1970: e.incident.openedAt))), "
                    + "seen \(e.incident.count) time(s), diagnosis changed \(e.incident.diagnosisChanges) time(s)"
                    + (e.incident.flapping ? ", **flapping** (reopened within an hour of its last resolution)" : "") + ".\n"
                try redactor(text).write(toFile: path, atomically: true, encoding: .utf8)
                if e.incident.reportPath == nil { try store.setReportPath(path, incident: id) }
            case .resolved:
                let line = "\n## Resolved\n\nResolved \(Format.date(Date(timeIntervalSince1970: e.incident.resolvedAt ?? 0))) after "
                    + "\(Int(e.incident.durationSeconds.rounded())) s and \(e.incident.count) failing run(s): now \(e.outcome.verdict.rawValue) \(redactor(e.outcome.reason)).\n"
                if let handle = FileHandle(forWritingAtPath: path) {
                    handle.seekToEndOfFile()
                    handle.write(Data(line.utf8))
                    handle.closeFile()
                }
            case .ongoing:
                break
            }
        }
    }
}
