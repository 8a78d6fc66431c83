import Foundation
import HTTPDiagCore

/// Posts incident openings and resolutions: Slack-compatible `text` plus structured
/// fields. Retried with exponential backoff; never blocks a run for long.
public struct WebhookNotifier: Sendable {
    public var url: String
    public var attempts = 3
    public var initialBackoffMs = 250
    public var timeoutMs = 5_000

    public init(url: String) { self.url = url }

    public struct Delivery: Sendable { public var event: IncidentEvent; public var attempts: Int; public var status: Int; public var delivered: Bool }

    public func notify(_ events: [IncidentEvent], redactor: (String) -> String) -> [Delivery] {
        events.filter { $0.kind == .opened || $0.kind == .resolved || $0.kind == .changed }.map { event in
            let body = Array(redactor(Self.payload(event)).utf8)
            var backoff = initialBackoffMs
            var last = 0
            for attempt in 1...attempts {
                let (status, _) = HTTPPoster.postJSON(url: url, body: body, timeoutMs: timeoutMs)
                last = status
                if (200..<300).contains(status) { return Delivery(event: event, attempts: attempt, status: status, delivered: true) }
                if attempt < attempts { usleep(useconds_t(backoff * 1000)); backoff *= 2 }
            }
            return Delivery(event: event, attempts: attempts, status: last, delivered: false)
        }
    }

    public static func payload(_ e: IncidentEvent) -> String {
        let o = e.outcome
        let icon = e.kind == .resolved ? "✅" : "🔴"
        let duration = e.kind == .resolved ? " after \(Int(e.incident.durationSeconds.rounded())) s" : ""
        let text = "\(icon) \(o.name) \(e.kind.rawValue)\(duration): \(o.verdict.rawValue) \(o.reason)"
            + (o.diagnosisIDs.first.map { " — likely \($0)" } ?? "")
        let object: [String: Any] = [
            "text": text, "event": e.kind.rawValue, "endpoint": o.name, "url": o.url, "verdict": o.verdict.rawValue,
            "reason": o.reason, "diagnosis": o.diagnosisIDs.first ?? NSNull(), "incident_id": e.incident.id ?? 0,
            "opened_at": e.incident.openedAt, "resolved_at": e.incident.resolvedAt ?? NSNull(), "count": e.incident.count,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
