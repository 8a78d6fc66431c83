import Foundation
import GRDB
import HTTPDiagCore

/// The SQLite history of a fleet: every probe result and the incidents. WAL mode and one
/// transaction per run, so a `kill -9` in the middle of a run leaves the previous state.
public final class StateStore: @unchecked Sendable {
    public let path: String
    let db: DatabaseQueue
    /// The schema this build writes (`PRAGMA user_version`); a file with a higher one was
    /// written by a newer httpdiag and is refused, never migrated down or misread.
    public static let schemaVersion = 2

    /// Opens (creating it if needed) and migrates. `run` uses `openForRun`, which checks
    /// the file first and says what is wrong in words.
    public init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var config = Configuration()
        config.busyMode = .timeout(10)
        db = try DatabaseQueue(path: path, configuration: config)
        try Self.checkVersion(db, path: path)
        try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=WAL") }
        try Self.migrator.migrate(db)
    }

    init(path: String, queue: DatabaseQueue) {
        self.path = path
        db = queue
    }

    /// For `httpdiag run`, before any probe: the file is a SQLite database, passes
    /// `PRAGMA quick_check`, has a schema this build knows, can be written, and its file
    /// system has room. Every refusal names the file and what to do.
    public static func openForRun(path: String, endpoints: Int) throws(StateError) -> StateStore {
        try checkHeader(path)
        let dir = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        // Read-only media and a full file system are said as such, before SQLite fails on
        // its -shm file with a vaguer error.
        if SystemError.isReadOnlyFileSystem(dir) || access(dir, W_OK) != 0
            || (FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0)
        {
            throw StateError(
                path: path,
                message: "cannot be written: it is read-only (\(SystemError.isReadOnlyFileSystem(dir) ? "a read-only file system" : "permissions")); "
                    + "use --state on a writable file system, or --no-state"
            )
        }
        let need = (256 << 10) + endpoints * 1024
        if let free = SystemError.freeBytes(dir), free < need {
            throw StateError(
                path: path,
                message: "cannot be written: its file system has \(free / 1024) KiB free, and a run of \(endpoints) endpoint(s) "
                    + "needs about \(need / 1024) KiB (no space left on device); free space there, or point --state at another file system"
            )
        }
        let queue: DatabaseQueue
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch { throw explain(error, path: path, doing: "cannot be opened") }
        try checkIntegrity(queue, path: path)
        do { try checkVersion(queue, path: path) } catch let e as StateError { throw e } catch {
            throw explain(error, path: path, doing: "cannot be read")
        }
        do {
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=WAL") }
            try migrator.migrate(queue)
        } catch { throw explain(error, path: path, doing: "cannot be written") }
        return StateStore(path: path, queue: queue)
    }

    /// For `history` and `incidents`: read-only, never creating or migrating anything. A
    /// WAL database on read-only media (no `-shm` can be created there) is opened immutable.
    public static func openForReading(path: String) throws(StateError) -> StateStore {
        try checkHeader(path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        func open(_ location: String) throws -> DatabaseQueue {
            let q = try DatabaseQueue(path: location, configuration: config)
            try q.read { _ = try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return q
        }
        var queue: DatabaseQueue
        do { queue = try open(path) } catch {
            let dir = (path as NSString).deletingLastPathComponent
            let readOnlyMedia = SystemError.isReadOnlyFileSystem(path) || access(dir.isEmpty ? "." : dir, W_OK) != 0
            guard readOnlyMedia, let uri = immutableURI(path) else { throw explain(error, path: path, doing: "cannot be read") }
            // Nobody can write a file on read-only media: reading it immutable is exact,
            // except for a -wal left without its -shm (then the newest run may be missing).
            do { queue = try open(uri) } catch { throw explain(error, path: path, doing: "cannot be read") }
        }
        do { try checkVersion(queue, path: path) } catch let e as StateError { throw e } catch {
            throw explain(error, path: path, doing: "cannot be read")
        }
        return StateStore(path: path, queue: queue)
    }

    static func immutableURI(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return absolute.addingPercentEncoding(withAllowedCharacters: allowed).map { "file:\($0)?immutable=1" }
    }

    /// A non-empty file that is not SQLite is refused before SQLite is asked to open it.
    static func checkHeader(_ path: String) throws(StateError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        guard !head.isEmpty else { return }
        if head != Data("SQLite format 3\0".utf8) {
            throw StateError(
                path: path,
                message: "is not an httpdiag state file (not a SQLite database); "
                    + "point --state at another file, or move this one aside (mv \(path) \(path).bad) to start a new history"
            )
        }
    }

    static func checkIntegrity(_ queue: DatabaseQueue, path: String) throws(StateError) {
        let result: [String]
        do { result = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check(5)") } } catch {
            throw explain(error, path: path, doing: "cannot be read")
        }
        guard result == ["ok"] else {
            throw StateError(
                path: path,
                message: "is damaged (quick_check: \(result.prefix(2).joined(separator: "; "))); "
                    + "move it aside (mv \(path) \(path).damaged) to start a new history, or restore a backup "
                    + "(`sqlite3 \(path).damaged .recover | sqlite3 \(path)` may save its rows)"
            )
        }
    }

    static func checkVersion(_ queue: DatabaseQueue, path: String) throws {
        let (version, superseded) = try queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasBeenSuperseded(db))
        }
        if version > schemaVersion || superseded {
            throw StateError(
                path: path,
                message: "was written by a newer httpdiag (state schema \(version), "
                    + "this httpdiag \(HTTPDiagVersion.current) knows up to \(schemaVersion)); "
                    + "run the newer httpdiag, or point --state at another file (this one is left untouched)"
            )
        }
    }

    /// A SQLite error on the state file in words, with what to do.
    static func explain(_ error: Error, path: String, doing: String) -> StateError {
        if let e = error as? StateError { return e }
        guard let e = error as? DatabaseError else { return StateError(path: path, message: "\(doing): \(SystemError.describe(error))") }
        switch e.resultCode.primaryResultCode {
        case .SQLITE_READONLY:
            return StateError(
                path: path,
                message: "\(doing): it is read-only (its file system, or the file itself); "
                    + "use --state on a writable file system, or --no-state"
            )
        case .SQLITE_FULL:
            return StateError(path: path, message: "\(doing): no space left on device; free space on its file system, or point --state elsewhere")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StateError(
                path: path,
                message: "is damaged (\(e.message ?? "database disk image is malformed")); "
                    + "move it aside (mv \(path) \(path).damaged) to start a new history, or restore a backup"
            )
        case .SQLITE_CANTOPEN:
            return StateError(
                path: path,
                message: "\(doing): SQLite cannot open it or its -wal/-shm files "
                    + "(a missing directory, permissions, or read-only media)"
            )
        case .SQLITE_IOERR:
            return StateError(path: path, message: "\(doing): input/output error (\(e.message ?? "disk I/O error")); check the disk")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StateError(path: path, message: "\(doing): another program holds a lock on it")
        default:
            return StateError(path: path, message: "\(doing): \(e.message ?? "SQLite error \(e.resultCode.rawValue)")")
        }
    }

    public func close() throws { try db.close() }

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
        m.registerMigration("v2") { db in
            // Every run, with how it ended: complete, interrupted (a signal), or abandoned
            // (still 'running' when the next run starts: it was killed).
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started_at", .double).notNull()
                t.column("finished_at", .double)
                t.column("status", .text).notNull()
                t.column("signal", .text)
                t.column("endpoints", .integer).notNull()
                t.column("probed", .integer).notNull().defaults(to: 0)
                t.column("pid", .integer)
            }
            try db.alter(table: "result") { t in t.add(column: "run_id", .integer) }
            // The outputs of a run, recorded in the transaction of its results and delivered
            // after the commit; what fails stays pending and is retried by later runs.
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer)
                t.column("created_at", .double).notNull()
                t.column("kind", .text).notNull()  // report, textfile, webhook
                t.column("mode", .text)  // report: write or append
                t.column("target", .text)  // a file path; never a webhook URL (it is a secret)
                t.column("incident_id", .integer)
                t.column("event", .text)
                t.column("payload", .text)  // already redacted
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("last_error", .text)
                t.column("last_attempt_at", .double)
                t.column("claimed_until", .double)
                t.column("done_at", .double)
            }
            try db.create(index: "outbox_pending", on: "outbox", columns: ["done_at", "kind", "id"])
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        return m
    }

    /// Applies one run of already collected outcomes: results, incident transitions and
    /// the outbox, atomically. Returns the events (with full outcomes).
    public func record(_ outcomes: [EndpointOutcome], at time: Date, outputs: OutboxTargets = OutboxTargets()) throws -> [IncidentEvent] {
        let runID = try beginRun(at: time, endpoints: outcomes.count)
        var events: [IncidentEvent] = []
        try recordRun(runID: runID, at: time, outputs: outputs) { recording in
            for o in outcomes { if let e = try recording.add(o) { events.append(e) } }
            return .complete
        }
        return events
    }

    /// Marks runs left 'running' by a killed process as abandoned, then starts a run (its
    /// own committed row: this also proves the file can be written, before any probe).
    public func beginRun(at time: Date, endpoints: Int) throws -> Int64 {
        do {
            return try db.write { db in
                try db.execute(sql: "UPDATE run SET status = 'abandoned' WHERE status = 'running'")
                try db.execute(
                    sql: "INSERT INTO run (started_at, status, endpoints, pid) VALUES (?, 'running', ?, ?)",
                    arguments: [time.timeIntervalSince1970, endpoints, Int(getpid())]
                )
                return db.lastInsertedRowID
            }
        } catch { throw Self.explain(error, path: path, doing: "cannot be written") }
    }

    /// One transaction for a whole run: `body` adds outcomes as they come (so none is kept
    /// in memory), and says how the run ended; the run row and the textfile entry of the
    /// outbox are written in the same transaction.
    public func recordRun(runID: Int64, at time: Date, outputs: OutboxTargets, _ body: (RunRecording) throws -> RunEnd) throws {
        do {
            try db.write { db in
                let recording = RunRecording(db: db, runID: runID, time: time.timeIntervalSince1970, outputs: outputs)
                let end = try body(recording)
                try db.execute(
                    sql: "UPDATE run SET status = ?, signal = ?, finished_at = ?, probed = ? WHERE id = ?",
                    arguments: [end.status, end.signal, Date().timeIntervalSince1970, recording.recorded, runID]
                )
                if let prom = outputs.prometheus {
                    try db.execute(
                        sql: """
                            UPDATE outbox SET done_at = ?, last_error = 'superseded by run ' || ? WHERE kind = 'textfile' AND done_at IS NULL
                            """,
                        arguments: [time.timeIntervalSince1970, runID]
                    )
                    try db.execute(
                        sql: "INSERT INTO outbox (run_id, created_at, kind, target) VALUES (?, ?, 'textfile', ?)",
                        arguments: [runID, time.timeIntervalSince1970, prom]
                    )
                }
            }
        } catch let e as StateError { throw e } catch let e as DatabaseError {
            throw Self.explain(e, path: path, doing: "cannot record this run")
        }
    }

    /// `reason`: the outcome's reason, through the boundary (the incident row keeps it).
    static func transition(_ db: Database, _ o: EndpointOutcome, reason: RedactedText, at time: Date) throws -> IncidentEvent? {
        let t = time.timeIntervalSince1970
        let open = try Incident.fetchOne(
            db,
            sql: "SELECT * FROM incident WHERE endpoint = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1",
            arguments: [o.name]
        )
        let failing = o.verdict != .ok
        switch (open, failing) {
        case (nil, true):
            let lastResolved = try Double.fetchOne(db, sql: "SELECT MAX(resolved_at) FROM incident WHERE endpoint = ?", arguments: [o.name])
            let flapping = lastResolved.map { t - $0 < 3600 } ?? false
            try db.execute(
                sql: """
                    INSERT INTO incident (endpoint, opened_at, last_seen_at, count, first_diagnosis, last_diagnosis, flapping, last_reason)
                    VALUES (?, ?, ?, 1, ?, ?, ?, ?)
                    """,
                arguments: [o.name, t, t, o.diagnosisIDs.first, o.diagnosisIDs.first, flapping, reason.text]
            )
            let incident = try Incident.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [db.lastInsertedRowID])!
            return IncidentEvent(kind: .opened, incident: incident, outcome: o)
        case (var incident?, true):
            let changed = incident.lastDiagnosis != o.diagnosisIDs.first
            incident.count += 1
            incident.lastSeenAt = t
            incident.lastReason = reason.text
            if changed {
                incident.diagnosisChanges += 1
                incident.lastDiagnosis = o.diagnosisIDs.first
            }
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

    /// The runs, newest first.
    public func runs(limit: Int = 20) throws -> [RunRow] {
        try db.read { try RunRow.fetchAll($0, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]) }
    }

    /// Outbox entries not yet delivered.
    public func pendingOutputs() throws -> [OutboxRow] {
        try db.read { try OutboxRow.fetchAll($0, sql: "SELECT * FROM outbox WHERE done_at IS NULL ORDER BY id") }
    }

    public func history(endpoint: String, limit: Int) throws -> [HistoryRow] {
        try db.read { db in
            try HistoryRow.fetchAll(
                db,
                sql: """
                    SELECT run_at, verdict, total_ms, status, failure_kind, diagnosis_ids, reason FROM result
                    WHERE endpoint = ? ORDER BY run_at DESC, id DESC LIMIT ?
                    """,
                arguments: [endpoint, limit]
            ).reversed()
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
    public static func defaultPath(environment: [String: String] = ProcessEnvironment.current) -> String {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
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

public struct RunRow: Codable, FetchableRecord, Sendable {
    public var id: Int64
    public var startedAt: Double
    public var finishedAt: Double?
    public var status: String
    public var signal: String?
    public var endpoints: Int
    public var probed: Int
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

/// How a run ended.
public enum RunEnd: Sendable {
    case complete
    case interrupted(signal: String)
    var status: String { if case .complete = self { "complete" } else { "interrupted" } }
    var signal: String? { if case .interrupted(let s) = self { s } else { nil } }
}

public struct IncidentEvent: Sendable {
    public enum Kind: String, Sendable { case opened, changed, ongoing, resolved }
    public var kind: Kind
    public var incident: Incident
    public var outcome: EndpointOutcome
}
