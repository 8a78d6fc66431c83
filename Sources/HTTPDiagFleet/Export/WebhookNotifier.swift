import Foundation
import HTTPDiagCore
import Synchronization

/// Posts incident openings, changes and resolutions: Slack-compatible `text` plus
/// structured fields. Payloads come from the outbox; deliveries run concurrently (in order
/// within one incident) under one total deadline, each attempt's timeout cut to what is
/// left of it, retried with exponential backoff. What is not delivered by the deadline
/// stays in the outbox for the next run.
public struct WebhookNotifier: Sendable {
    public var url: String
    public var attempts = 3
    public var initialBackoffMs = 250
    public var timeoutMs = 5_000
    /// Deliveries at once.
    public var concurrency = 8
    /// All deliveries of a run end by then.
    public var deadlineSeconds: Double = 20

    /// Every body passes it on its way out (payloads were redacted when stored; they are
    /// read back from the state file).
    public var boundary: OutputBoundary

    public init(url: String, boundary: OutputBoundary = OutputBoundary()) {
        self.url = url
        self.boundary = boundary
    }

    public struct Delivery: Sendable {
        public var id: Int64
        public var attempts: Int
        public var status: Int
        public var delivered: Bool
        /// Set when the deadline came before this one was tried.
        public var skipped: Bool
    }

    /// Delivers outbox rows; the result of each, in the rows' order.
    public func deliver(_ rows: [OutboxRow]) -> [Delivery] {
        let deadline = MonotonicClock.now()
        let budgetMs = deadlineSeconds * 1000
        // One queue per incident, in id order; the queues run concurrently.
        var groups: [[OutboxRow]] = []
        var index: [Int64: Int] = [:]
        for r in rows {
            let key = r.incidentId ?? -r.id
            if let i = index[key] {
                groups[i].append(r)
            } else {
                index[key] = groups.count
                groups.append([r])
            }
        }
        let results = Mutex<[Int64: Delivery]>([:])
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        let shared = groups
        for _ in 0..<min(concurrency, groups.count) {
            group.enter()
            let thread = Thread {
                while true {
                    let g = next.add(1, ordering: .relaxed).oldValue
                    guard g < shared.count else { break }
                    var blocked = false
                    for row in shared[g] {
                        let d =
                            blocked
                            ? Delivery(id: row.id, attempts: 0, status: 0, delivered: false, skipped: true)
                            : post(row, started: deadline, budgetMs: budgetMs)
                        if !d.delivered { blocked = true }  // later events of this incident wait for it
                        results.withLock { $0[row.id] = d }
                    }
                }
                group.leave()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        group.wait()
        let all = results.withLock { $0 }
        return rows.map { all[$0.id] ?? Delivery(id: $0.id, attempts: 0, status: 0, delivered: false, skipped: true) }
    }

    func post(_ row: OutboxRow, started: UInt64, budgetMs: Double) -> Delivery {
        let body = boundary.pass(row.payload ?? "{}")
        var backoff = Double(initialBackoffMs)
        var last = 0
        var tried = 0
        for attempt in 1...attempts {
            let left = budgetMs - MonotonicClock.millisecondsSince(started)
            guard left >= 50, Interruption.signal == nil else { break }
            tried = attempt
            let (status, _) = HTTPPoster.post(url: url, body: body, timeoutMs: Int(min(Double(timeoutMs), left)))
            last = status
            if (200..<300).contains(status) { return Delivery(id: row.id, attempts: attempt, status: status, delivered: true, skipped: false) }
            let after = budgetMs - MonotonicClock.millisecondsSince(started)
            if attempt < attempts {
                guard after > backoff + 50 else { break }
                usleep(useconds_t(backoff * 1000))
                backoff *= 2
            }
        }
        return Delivery(id: row.id, attempts: tried, status: last, delivered: false, skipped: tried == 0)
    }

    public static func payload(_ e: IncidentEvent) -> String {
        let o = e.outcome
        let icon = e.kind == .resolved ? "✅" : "🔴"
        let duration = e.kind == .resolved ? " after \(Int(e.incident.durationSeconds.rounded())) s" : ""
        let text =
            "\(icon) \(o.name) \(e.kind.rawValue)\(duration): \(o.verdict.rawValue) \(o.reason)"
            + (o.diagnosisIDs.first.map { " — likely \($0)" } ?? "")
        let object: [String: Any] = [
            "text": text, "event": e.kind.rawValue, "endpoint": o.name, "url": o.url, "verdict": o.verdict.rawValue,
            "reason": o.reason, "diagnosis": o.diagnosisIDs.first ?? NSNull(), "incident_id": e.incident.id ?? 0,
            // RFC 3339 like every timestamp httpdiag prints; the Unix seconds stay beside them.
            "opened_at": StateReport.timestamp(e.incident.openedAt),
            "resolved_at": e.incident.resolvedAt.map(StateReport.timestamp) ?? NSNull(),
            "opened_at_unix": e.incident.openedAt, "resolved_at_unix": e.incident.resolvedAt ?? NSNull(), "count": e.incident.count,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
