import Foundation
import GRDB
import HTTPDiagCore

/// The SQLite history of a fleet: every probe result and the incidents. WAL mode and one
/// transaction per run, so a `kill -9` in the middle of a run leaves the previous state.
public final class StateStore: @unchecked Sendable {
    public let path: String
    let db: DatabaseQueue

    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var config = Configuration()
        config.busyMode = .timeout(10)
        db = try DatabaseQueue(path: path, configuration: config)
        try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=WAL") }
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_at", .double).notNull().indexed()
                t.column("endpoint", .text).notNull().indexed()
                t.column("verdict", .text).notNull()
                t.column("total_ms", .double).notNull()
                t.column("status", .integer)
                t.column("failure_kind", .text)
                t.column("diagnosis_ids", .text).notNull()
                t.column("reason", .text).notNull()
            }
            try db.create(table: "incident") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("endpoint", .text).notNull().indexed()
                t.column("opened_at", .double).notNull()
                t.column("last_seen_at", .double).notNull()
                t.column("resolved_at", .double)
                t.column("count", .integer).notNull()
                t.column("first_diagnosis", .text)
                t.column("last_diagnosis", .text)
                t.column("diagnosis_changes", .integer).notNull().defaults(to: 0)
                t.column("flapping", .boolean).notNull().defaults(to: false)
                t.column("last_reason", .text).notNull()
                t.column("report_path", .text)
            }
        }
        return m
    }

    /// Applies one run: results and incident transitions, atomically. Returns the events.
    public func record(_ outcomes: [EndpointOutcome], at time: Date) throws -> [IncidentEvent] {
        try db.write { db in
            var events: [IncidentEvent] = []
            for o in outcomes {
                try db.execute(sql: """
                    INSERT INTO result (run_at, endpoint, verdict, total_ms, status, failure_kind, diagnosis_ids, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [time.timeIntervalSince1970, o.name, o.verdict.rawValue, o.latencyMs, o.status, o.failureKind,
                                     o.diagnosisIDs.joined(separator: ","), o.reason])
                if let e = try Self.transition(db, o, at: time) { events.append(e) }
            }
            return events
        }
    }

    static func transition(_ db: Database, _ o: EndpointOutcome, at time: Date) throws -> IncidentEvent? {
        let t = time.timeIntervalSince1970
        let open = try Incident.fetchOne(db, sql: "SELECT * FROM incident WHERE endpoint = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1",
                                         arguments: [o.name])
        let failing = o.verdict != .ok
        switch (open, failing) {
        case (nil, true):
            let lastResolved = try Double.fetchOne(db, sql: "SELECT MAX(resolved_at) FROM incident WHERE endpoint = ?", arguments: [o.name])
            let flapping = lastResolved.map { t - $0 < 3600 } ?? false
            try db.execute(sql: """
                INSERT INTO incident (endpoint, opened_at, last_seen_at, count, first_diagnosis, last_diagnosis, flapping, last_reason)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?)
                """, arguments: [o.name, t, t, o.diagnosisIDs.first, o.diagnosisIDs.first, flapping, o.reason])
            let incident = try Incident.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [db.lastInsertedRowID])!
            return IncidentEvent(kind: .opened, incident: incident, outcome: o)
        case (var incident?, true):
            let changed = incident.lastDiagnosis != o.diagnosisIDs.first
            incident.count += 1
            incident.lastSeenAt = t
            incident.lastReason = o.reason
            if changed { incident.diagnosisChanges += 1; incident.lastDiagnosis = o.diagnosisIDs.first }
            try incident.update(db)
            return IncidentEvent(kind: changed ? .changed : .ongoing, incident: incident, outcome: o)
        case (var incident?, false):
            incident.resolvedAt = t
            try incident.update(db)
            return IncidentEvent(kind: .resolved, incident: incident, outcome: o)
        case (nil, false):
            return nil
        }
    }

    public func setReportPath(_ path: String, incident id: Int64) throws {
        try db.write { try $0.execute(sql: "UPDATE incident SET report_path = ? WHERE id = ?", arguments: [path, id]) }
    }

    public func history(endpoint: String, limit: Int) throws -> [HistoryRow] {
        try db.read { db in
            try HistoryRow.fetchAll(db, sql: """
                SELECT run_at, verdict, total_ms, status, failure_kind, diagnosis_ids, reason FROM result
                WHERE endpoint = ? ORDER BY run_at DESC, id DESC LIMIT ?
                """, arguments: [endpoint, limit]).reversed()
        }
    }

    public func incidents(openOnly: Bool) throws -> [Incident] {
        try db.read { db in
            try Incident.fetchAll(db, sql: "SELECT * FROM incident \(openOnly ? "WHERE resolved_at IS NULL" : "") ORDER BY opened_at DESC")
        }
    }

    /// Deletes results older than `days` (incidents are kept).
    @discardableResult
    public func prune(keepDays: Double, now: Date) throws -> Int {
        try db.write { db in
            try db.execute(sql: "DELETE FROM result WHERE run_at < ?", arguments: [now.timeIntervalSince1970 - keepDays * 86_400])
            return db.changesCount
        }
    }

    public func integrityCheck() throws -> String {
        try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "?" }
    }

    /// Default: `$XDG_STATE_HOME/httpdiag/state.sqlite` (or `~/.local/state/...`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/httpdiag/state.sqlite"
    }
}

public struct Incident: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "incident"
    public var id: Int64?
    public var endpoint: String
    public var openedAt: Double
    public var lastSeenAt: Double
    public var resolvedAt: Double?
    public var count: Int
    public var firstDiagnosis: String?
    public var lastDiagnosis: String?
    public var diagnosisChanges: Int
    public var flapping: Bool
    public var lastReason: String
    public var reportPath: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var durationSeconds: Double { (resolvedAt ?? lastSeenAt) - openedAt }
}

public struct HistoryRow: Codable, FetchableRecord, Sendable {
    public var runAt: Double
    public var verdict: String
    public var totalMs: Double
    public var status: Int?
    public var failureKind: String?
    public var diagnosisIds: String
    public var reason: String
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

public struct IncidentEvent: Sendable {
    public enum Kind: String, Sendable { case opened, changed, ongoing, resolved }
    public var kind: Kind
    public var incident: Incident
    public var outcome: EndpointOutcome
}
