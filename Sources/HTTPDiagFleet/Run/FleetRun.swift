import Foundation
import HTTPDiagCore

#if canImport(Glibc)
import Glibc
#endif

/// What a fleet run writes besides its state.
public struct FleetRunOptions: Sendable {
    public var reportDir: String?
    public var prometheus: String?
    public var webhook: String?
    /// After a signal, how long the probes in flight may take to finish.
    public var graceSeconds: Double = 5
    public var webhookDeadlineSeconds: Double = 20
    public var keepDays: Double?
    /// Every output of the run passes it (RedactedText): the secrets of every endpoint.
    public var boundary = OutputBoundary()
    public init() {}
}

/// One `httpdiag run`: probes stream in and are kept compact (no reports), the results,
/// incident transitions and outbox entries are committed in one short transaction, then
/// the outbox is delivered: files under the lock, webhooks after it.
public final class FleetRun {
    public let runner: FleetRunner
    public let store: StateStore?
    public let options: FleetRunOptions

    public struct Result {
        public var startedAt: Date
        public var runID: Int64?
        /// Config order, compacted (no reports).
        public var outcomes: [EndpointOutcome] = []
        public var events: [IncidentEvent] = []
        /// The signal that interrupted the run.
        public var interrupted: String?
        /// Endpoints never probed (after a signal) and probes abandoned at the end of the grace period.
        public var notProbed = 0
        public var abandoned = 0
        public var stateError: StateError?
        public var outputErrors: [OutputError] = []
        public var webhookFailures: [String] = []
    }

    public init(runner: FleetRunner, store: StateStore?, options: FleetRunOptions) {
        self.runner = runner
        self.store = store
        self.options = options
    }

    /// Probes and records. Signals (see `Interruption`) stop new probes; those in flight
    /// get `graceSeconds` (a second signal ends the wait), then what finished is committed.
    public func probeAndRecord(
        _ endpoints: [EndpointConfig],
        runID: Int64?,
        startedAt: Date,
        progress: ((Int, Int) -> Void)? = nil
    ) -> Result {
        var result = Result(startedAt: startedAt, runID: runID)
        let boundary = options.boundary
        let spool = options.reportDir != nil && store != nil ? ReportSpool() : nil
        let stream = runner.start(endpoints, render: spool == nil ? nil : Self.failingReport(boundary))
        var slots = [EndpointOutcome?](repeating: nil, count: endpoints.count)
        var bodies: [Int: ReportSpool.Ref] = [:]
        var graceEnd: Date?
        loop: while true {
            if let sig = Interruption.signal, graceEnd == nil {
                stream.stop()
                graceEnd = Date().addingTimeInterval(options.graceSeconds)
                result.interrupted = Interruption.name(sig)
            }
            if graceEnd != nil && Interruption.signals > 1 { break }
            switch stream.next(deadline: graceEnd, poll: true) {
            case .outcome(let i, let o, let body):
                slots[i] = o.compacted()
                if let body, let spool { bodies[i] = spool.put(body) }
                progress?(stream.finished, endpoints.count)
            case .done: break loop
            case .timeout: if let g = graceEnd, Date() >= g { break loop }
            }
        }
        if result.interrupted != nil {
            result.abandoned = stream.inFlight
            result.notProbed = endpoints.count - stream.finished - result.abandoned
        }
        result.outcomes = slots.compactMap { $0 }
        guard let store, let runID else { return result }
        let targets = OutboxTargets(
            reportDir: options.reportDir,
            prometheus: options.prometheus,
            webhook: options.webhook != nil,
            boundary: boundary
        )
        do {
            try store.recordRun(runID: runID, at: startedAt, outputs: targets) { recording in
                for (i, o) in slots.enumerated() {
                    guard let o else { continue }
                    if let e = try recording.add(o, reportBody: bodies[i].flatMap { spool?.get($0) }) { result.events.append(e) }
                }
                return result.interrupted.map { .interrupted(signal: $0) } ?? .complete
            }
        } catch let e as StateError {
            result.stateError = e
            result.events = []
        } catch {
            result.stateError = StateError(path: store.path, message: "cannot record this run: \(SystemError.describe(error))")
            result.events = []
        }
        if let keepDays = options.keepDays, result.stateError == nil {
            do { try store.prune(keepDays: keepDays, now: startedAt) } catch {
                result.outputErrors.append(OutputError("--keep-days: cannot prune \(store.path): \(SystemError.describe(error))"))
            }
        }
        return result
    }

    /// The redacted Markdown of a failing outcome (a report is written only for those).
    static func failingReport(_ boundary: OutputBoundary) -> @Sendable (EndpointOutcome) -> String? {
        { o in
            guard o.verdict != .ok, let report = o.report else { return nil }
            return IncidentReports.body(report, boundary: boundary).text
        }
    }

    /// Reports (this run's and those left pending by earlier runs) and the textfile; a
    /// failure of one never stops the other.
    public func deliverFiles(_ result: inout Result) {
        if let store { result.outputErrors += Outbox(store: store, boundary: options.boundary).deliverReports() }
        if let prometheus = options.prometheus {
            var failure: String?
            do { try PrometheusTextfile.write(result.outcomes, to: prometheus, runAt: result.startedAt, boundary: options.boundary) } catch {
                failure = SystemError.describe(error)
                result.outputErrors.append(OutputError(failure!))
            }
            if let store, let runID = result.runID, result.stateError == nil {
                Outbox(store: store, boundary: options.boundary).markTextfile(runID: runID, error: failure)
            }
        }
    }

    /// Claims the pending webhook entries (call with the lock held) for the deadline.
    public func claimWebhooks() -> [OutboxRow] {
        guard let store, options.webhook != nil else { return [] }
        return Outbox(store: store).claimWebhooks(for: options.webhookDeadlineSeconds + 10)
    }

    /// Delivers claimed entries concurrently under the total deadline (call after the
    /// lock is released); what fails stays pending for the next run.
    public func deliverWebhooks(_ rows: [OutboxRow], _ result: inout Result) {
        guard let url = options.webhook, let store, !rows.isEmpty else { return }
        var notifier = WebhookNotifier(url: url, boundary: options.boundary)
        notifier.deadlineSeconds = options.webhookDeadlineSeconds
        let deliveries = notifier.deliver(rows)
        var marks: [(Int64, RedactedText?)] = []
        for (row, d) in zip(rows, deliveries) {
            if d.delivered {
                marks.append((row.id, nil))
                continue
            }
            let why =
                d.skipped
                ? "not tried before the \(Format.fixed(options.webhookDeadlineSeconds, 0)) s deadline (--webhook-deadline)"
                : d.status == 0 ? "no answer after \(d.attempts) attempt(s)" : "status \(d.status) after \(d.attempts) attempt(s)"
            marks.append((row.id, options.boundary.pass(why)))
            result.webhookFailures.append(
                "webhook \(options.boundary.pass(url)) failed for incident \(row.incidentId ?? 0) \(row.event ?? "") "
                    + "(\(why)); kept in the outbox of \(store.path) for the next run"
            )
        }
        Outbox(store: store, boundary: options.boundary).mark(marks)
    }
}

/// Markdown bodies of failing outcomes, kept in an unlinked temporary file until the
/// commit instead of in memory (in memory if the file cannot be written).
final class ReportSpool {
    struct Ref {
        var offset: Int
        var count: Int
        var inline: String?
    }
    let fd: Int32
    var size = 0

    init() {
        var template = Array((NSTemporaryDirectory() + "httpdiag-spool-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
    }

    deinit { if fd >= 0 { close(fd) } }

    func put(_ text: String) -> Ref {
        let bytes = Array(text.utf8)
        guard fd >= 0 else { return Ref(offset: 0, count: 0, inline: text) }
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(size)) }
        guard n == bytes.count else { return Ref(offset: 0, count: 0, inline: text) }
        defer { size += n }
        return Ref(offset: size, count: n, inline: nil)
    }

    func get(_ ref: Ref) -> String? {
        if let inline = ref.inline { return inline }
        var bytes = [UInt8](repeating: 0, count: ref.count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, ref.count, off_t(ref.offset)) }
        return n == ref.count ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
