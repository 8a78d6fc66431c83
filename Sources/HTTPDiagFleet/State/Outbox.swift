import Foundation
import GRDB
import HTTPDiagCore
import Synchronization

/// Which outputs a run feeds: each becomes outbox rows in the run's own transaction.
public struct OutboxTargets: Sendable {
    public var reportDir: String?
    public var prometheus: String?
    public var webhook: Bool
    /// Every payload and reason passes it before it is stored (the state file is an
    /// output too); each outcome adds its own secrets to it.
    public var boundary: OutputBoundary

    public init(
        reportDir: String? = nil,
        prometheus: String? = nil,
        webhook: Bool = false,
        boundary: OutputBoundary = OutputBoundary()
    ) {
        self.reportDir = reportDir
        self.prometheus = prometheus
        self.webhook = webhook
        self.boundary = boundary
    }
}

public struct OutboxRow: Codable, FetchableRecord, Sendable {
    public var id: Int64
    public var runId: Int64?
    public var kind: String
    public var mode: String?
    public var target: String?
    public var incidentId: Int64?
    public var event: String?
    public var payload: String?
    public var attempts: Int
    public var lastError: String?
    public var doneAt: Double?
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

/// The writes of one run, inside its transaction.
public final class RunRecording {
    let db: Database
    let runID: Int64
    let time: Double
    let outputs: OutboxTargets
    public private(set) var recorded = 0

    init(db: Database, runID: Int64, time: Double, outputs: OutboxTargets) {
        self.db = db
        self.runID = runID
        self.time = time
        self.outputs = outputs
    }

    /// The result, the incident transition, and the outbox rows of its event.
    /// `reportBody`: the outcome's Markdown, rendered and redacted while probing (when
    /// the outcome no longer carries its report).
    public func add(_ o: EndpointOutcome, reportBody: String? = nil) throws -> IncidentEvent? {
        let boundary = outputs.boundary.adding(o.redaction)
        let reason = boundary.pass(o.reason)
        try db.execute(
            sql: """
                INSERT INTO result (run_at, endpoint, verdict, total_ms, status, failure_kind, diagnosis_ids, reason, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                time, o.name, o.verdict.rawValue, o.latencyMs, o.status, o.failureKind,
                o.diagnosisIDs.joined(separator: ","), reason.text, runID,
            ]
        )
        recorded += 1
        guard var event = try StateStore.transition(db, o, reason: reason, at: Date(timeIntervalSince1970: time)) else { return nil }
        guard event.kind != .ongoing, let id = event.incident.id else { return event }
        if let dir = outputs.reportDir {
            let path = IncidentReports.path(directory: dir, incident: event.incident)
            switch event.kind {
            case .opened, .changed:
                if let text = IncidentReports.document(event, body: reportBody, boundary: boundary) {
                    if event.incident.reportPath == nil {
                        try db.execute(sql: "UPDATE incident SET report_path = ? WHERE id = ?", arguments: [path, id])
                        event.incident.reportPath = path
                    }
                    // A newer whole report replaces one still waiting for the same file.
                    try db.execute(
                        sql: "DELETE FROM outbox WHERE kind = 'report' AND mode = 'write' AND target = ? AND done_at IS NULL",
                        arguments: [path]
                    )
                    try enqueue("report", mode: "write", target: path, incident: id, event: event.kind, payload: text)
                }
            case .resolved where event.incident.reportPath != nil:
                try enqueue(
                    "report",
                    mode: "append",
                    target: path,
                    incident: id,
                    event: event.kind,
                    payload: IncidentReports.resolution(event, boundary: boundary)
                )
            default: break
            }
        }
        if outputs.webhook {
            try enqueue("webhook", mode: nil, target: nil, incident: id, event: event.kind, payload: boundary.pass(WebhookNotifier.payload(event)))
        }
        return event
    }

    /// The payload is redacted text: the outbox only holds what passed the boundary.
    func enqueue(_ kind: String, mode: String?, target: String?, incident: Int64, event: IncidentEvent.Kind, payload: RedactedText) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox (run_id, created_at, kind, mode, target, incident_id, event, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [runID, time, kind, mode, target, incident, event.rawValue, payload.text]
        )
    }
}

/// Delivers what the outbox holds. Every entry is tried on its own: one that fails (a
/// full disk, a dead webhook) is counted, kept, and retried by the next run, and never
/// stops the others.
public struct Outbox: Sendable {
    public let store: StateStore
    /// What is read back from the state file passes it again on its way to a file.
    public let boundary: OutputBoundary
    public init(store: StateStore, boundary: OutputBoundary = OutputBoundary()) {
        self.store = store
        self.boundary = boundary
    }

    /// Reports (this run's and any left by earlier runs), in order per file: a file whose
    /// earlier entry failed gets none of its later ones this time.
    @discardableResult
    public func deliverReports() -> [OutputError] {
        // Ids first, each payload when its turn comes: 100,000 pending reports are never
        // all in memory.
        let rows: [(id: Int64, mode: String?, target: String?)]
        do {
            rows = try store.db.read { db in
                try Row.fetchAll(db, sql: "SELECT id, mode, target FROM outbox WHERE kind = 'report' AND done_at IS NULL ORDER BY id")
                    .map { (id: $0["id"], mode: $0["mode"], target: $0["target"]) }
            }
        } catch { return [OutputError("--report-dir: cannot read the outbox of \(store.path): \(SystemError.describe(error))")] }
        var failedTargets = Set<String>()
        var results: [(Int64, RedactedText?)] = []
        var errors: [OutputError] = []
        var madeDirs = Set<String>()
        for row in rows {
            guard let target = row.target, !failedTargets.contains(target),
                let payload = try? store.db.read({ try String.fetchOne($0, sql: "SELECT payload FROM outbox WHERE id = ?", arguments: [row.id]) })
            else { continue }
            do {
                let dir = (target as NSString).deletingLastPathComponent
                if !dir.isEmpty && !madeDirs.contains(dir) {
                    do { try SystemError.makeDirectories(dir) } catch {
                        throw OutputError("--report-dir: \(error.message)")
                    }
                    madeDirs.insert(dir)
                }
                let text = boundary.pass(payload)
                if row.mode == "append" {
                    try Self.append(text, to: target)
                } else {
                    try writeAtomically(text, to: target, what: "--report-dir: report")
                }
                results.append((row.id, nil))
            } catch {
                let e = (error as? OutputError) ?? OutputError("--report-dir: \(target): \(SystemError.describe(error))")
                failedTargets.insert(target)
                results.append((row.id, boundary.pass(e.message)))
                errors.append(OutputError(e.message + " (kept in the outbox of \(store.path); retried by the next run)"))
            }
        }
        mark(results)
        return errors
    }

    /// Appends once: an append that already reached the file (a run killed before it could
    /// mark it done) is not repeated.
    static func append(_ text: RedactedText, to path: String) throws {
        if let data = FileManager.default.contents(atPath: path), data.count >= text.text.utf8.count,
            data.suffix(text.text.utf8.count).elementsEqual(text.text.utf8)
        {
            return
        }
        var writer: FileWriter
        do { writer = try FileWriter(path: path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC) } catch {
            throw OutputError("--report-dir: cannot open \(path): \(error.message)")
        }
        var st = stat()
        let before = fstat(writer.fd, &st) == 0 ? st.st_size : -1
        do {
            try writer.write(text)
            try writer.finish()
        } catch {
            writer.abandon()
            if before >= 0 { truncate(path, before) }  // no half section for the retry to append after
            throw OutputError("--report-dir: cannot append to \(path): \(SystemError.describe(error))")
        }
    }

    /// The textfile entry of run `runID` (rendered by the caller, which holds the run's
    /// outcomes): done, or its error kept until a newer run supersedes it.
    public func markTextfile(runID: Int64, error: String?) {
        guard
            let id = try? store.db.read({
                try Int64.fetchOne($0, sql: "SELECT id FROM outbox WHERE kind = 'textfile' AND run_id = ?", arguments: [runID])
            })
        else { return }
        mark([(id, boundary.pass(error))])
    }

    /// Takes the pending webhook entries for `seconds` (so a run that starts meanwhile
    /// does not send them too), oldest first, grouped by incident.
    public func claimWebhooks(for seconds: Double, now: Date = Date()) -> [OutboxRow] {
        let t = now.timeIntervalSince1970
        return
            (try? store.db.write { db -> [OutboxRow] in
                let rows = try OutboxRow.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM outbox WHERE kind = 'webhook' AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id
                        """,
                    arguments: [t]
                )
                for r in rows { try db.execute(sql: "UPDATE outbox SET claimed_until = ? WHERE id = ?", arguments: [t + seconds, r.id]) }
                return rows
            }) ?? []
    }

    /// Records deliveries: nil error is done; an error (redacted: it is a column of the
    /// state) counts an attempt and releases the claim.
    public func mark(_ results: [(Int64, RedactedText?)]) {
        guard !results.isEmpty else { return }
        let t = Date().timeIntervalSince1970
        try? store.db.write { db in
            for (id, error) in results {
                if let error {
                    try db.execute(
                        sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ?, claimed_until = NULL WHERE id = ?",
                        arguments: [error.text, t, id]
                    )
                } else {
                    try db.execute(
                        sql:
                            "UPDATE outbox SET attempts = attempts + 1, last_error = NULL, last_attempt_at = ?, done_at = ?, claimed_until = NULL WHERE id = ?",
                        arguments: [t, t, id]
                    )
                }
            }
        }
    }
}
