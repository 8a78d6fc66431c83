import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks

#if canImport(Glibc)
import Glibc
#endif

/// One fleet run (`httpdiag run`, and each scrape or tick of a server): the config is
/// loaded and the endpoints selected, the state locked and opened, every endpoint probed
/// and recorded, old results pruned, reports, textfile and webhooks delivered, and the
/// output rendered. No printing, no exiting, no terminal checks: what is said on the way
/// goes to the `Observer`, what is said at the end is in the `Result`.
public enum FleetSession {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public struct Options: Sendable {
        /// The config file (JSON or YAML; see config.example.json).
        public var config: String
        /// Endpoints probed at once (1...1000).
        public var concurrency = 32
        /// Only these endpoint names, or `tag:T`; empty: all.
        public var only: [String] = []
        public var format: Format = .text
        /// Text output names only the incidents that opened, changed or resolved.
        public var quiet = false
        /// The SQLite state file; nil: `StateStore.defaultPath()`.
        public var state: String?
        /// Record nothing (no lock, no state, no incidents).
        public var noState = false
        public var reportDir: String?
        public var prometheus: String?
        public var webhook: String?
        /// How long to wait for another run's lock.
        public var waitLockSeconds: Double = 0
        /// Delete results older than this many days.
        public var keepDays: Double?
        /// After a signal: how long the probes in flight may take to finish.
        public var graceSeconds: Double = 5
        /// All webhook deliveries of a run together.
        public var webhookDeadlineSeconds: Double = 20
        public var playbooks = PlaybookSource()
        /// Colours in the text output.
        public var color = false
        /// Catch SIGTERM, SIGINT and SIGHUP once the endpoints are known, so that an
        /// interrupted run still commits what finished (a CLI run; a server keeps its own).
        public var catchSignals = false

        public init(config: String) { self.config = config }

        /// The limits of the numbers, named as the CLI spells them.
        public func validate() throws(FleetError) {
            guard concurrency >= 1 && concurrency <= 1000 else { throw .invalidOption("--concurrency must be from 1 to 1000") }
            guard waitLockSeconds >= 0 else { throw .invalidOption("--wait-lock must not be negative") }
            if let k = keepDays, k <= 0 { throw .invalidOption("--keep-days must be positive") }
            guard graceSeconds >= 0 && graceSeconds <= 3600 else { throw .invalidOption("--grace must be from 0 to 3600 seconds") }
            guard webhookDeadlineSeconds > 0 && webhookDeadlineSeconds <= 3600 else {
                throw .invalidOption("--webhook-deadline must be more than 0 and at most 3600 seconds")
            }
        }
    }

    /// What a caller hears while the run goes on.
    public struct Observer {
        /// After each endpoint: (finished, selected).
        public var progress: ((Int, Int) -> Void)?
        /// Probing is over (a progress bar is cleared here).
        public var probed: (() -> Void)?
        /// A problem that does not stop the run (the state could not record it, an output
        /// failed, a webhook was not delivered), redacted, when it happens.
        public var warning: ((RedactedText) -> Void)?

        public init(progress: ((Int, Int) -> Void)? = nil, probed: (() -> Void)? = nil, warning: ((RedactedText) -> Void)? = nil) {
            self.progress = progress
            self.probed = probed
            self.warning = warning
        }
    }

    public struct Interrupted: Sendable {
        public var signal: Int32
        /// `interrupted by SIGTERM: 3 of 5 endpoint(s) probed and recorded, ...`
        public var message: String
    }

    public struct Result {
        public var run: FleetRun.Result
        /// The endpoints selected from the config.
        public var selected: Int
        /// The output (text lines or one JSON document), redacted, one element per line printed.
        public var lines: [RedactedText]
        /// Set when a signal interrupted the run (the run is committed as interrupted).
        public var interrupted: Interrupted?
        /// The worst verdict (UNKNOWN for no outcome).
        public var verdict: Verdict
        /// 128 + the signal for an interrupted run, 3 when the state could not record the
        /// run, else the worst verdict's code.
        public var exitStatus: Int32 {
            if let interrupted { return ExitStatus.interrupted(by: interrupted.signal) }
            if let e = run.stateError { return ExitStatus.of(e) }
            return ExitStatus.of(verdict)
        }
    }

    public static func run(_ options: Options, observer: Observer = Observer()) throws -> Result {
        try options.validate()
        let fleet = try ConfigLoader.load(file: options.config, only: options.only)
        let endpoints = FleetRunner.select(fleet.endpoints, only: options.only)
        guard !endpoints.isEmpty else { throw FleetError.noEndpointSelected(only: options.only, config: options.config) }
        // Signals are caught from here on: a run interrupted now still commits what finished.
        if options.catchSignals { Interruption.install() }
        let started = Date()
        let (lock, store, runID) = try openState(options, endpoints: endpoints.count, started: started)
        let boundary = boundary(endpoints)
        let fleetRun = FleetRun(
            runner: FleetRunner(engine: try options.playbooks.engine(), concurrency: options.concurrency),
            store: store,
            options: runOptions(options, boundary: boundary)
        )
        let clock = MonotonicClock.now()
        var result = fleetRun.probeAndRecord(endpoints, runID: runID, startedAt: started, progress: observer.progress)
        observer.probed?()
        if let e = result.stateError { observer.warning?(boundary.pass(e.description)) }
        fleetRun.deliverFiles(&result)
        // Webhooks go out after the lock is released, concurrently, under one deadline; an
        // interrupted run leaves them in the outbox for the next run.
        let claimed = result.interrupted == nil ? fleetRun.claimWebhooks() : []
        lock?.release()
        if !claimed.isEmpty { fleetRun.deliverWebhooks(claimed, &result) }
        for e in result.outputErrors { observer.warning?(boundary.pass(e.message)) }
        for line in result.webhookFailures { observer.warning?(boundary.pass(line)) }
        withExtendedLifetime(lock) {}
        let lines = try render(
            result,
            options: options,
            started: started,
            durationMs: { MonotonicClock.millisecondsSince(clock) },
            boundary: boundary
        )
        var interrupted: Interrupted?
        if let name = result.interrupted ?? Interruption.signal.map(Interruption.name) {
            interrupted = Interrupted(
                signal: Interruption.signal ?? SIGTERM,
                message: interruptionLine(name, result, selected: endpoints.count, store: store, grace: options.graceSeconds)
            )
        }
        return Result(
            run: result,
            selected: endpoints.count,
            lines: lines,
            interrupted: interrupted,
            verdict: result.outcomes.map(\.verdict).max() ?? .unknown
        )
    }

    /// The lock, then the state, opened and checked before any probe: a damaged, newer,
    /// read-only or full file is refused now, not after the whole run.
    static func openState(_ options: Options, endpoints: Int, started: Date) throws -> (RunLock?, StateStore?, Int64?) {
        guard !options.noState else { return (nil, nil, nil) }
        let lock: RunLock
        do { lock = try RunLock(statePath: options.state ?? StateStore.defaultPath(), waitSeconds: options.waitLockSeconds) } catch {
            if let sig = Interruption.signal { throw FleetError.interrupted(signal: sig, message: "\(error)") }
            throw error
        }
        let store = try StateStore.openForRun(path: lock.statePath, endpoints: endpoints)
        let runID = try store.beginRun(at: started, endpoints: endpoints)
        return (lock, store, runID)
    }

    static func runOptions(_ options: Options, boundary: OutputBoundary) -> FleetRunOptions {
        var o = FleetRunOptions()
        o.reportDir = options.reportDir
        o.prometheus = options.prometheus
        o.webhook = options.webhook
        o.graceSeconds = options.graceSeconds
        o.webhookDeadlineSeconds = options.webhookDeadlineSeconds
        o.keepDays = options.keepDays
        o.boundary = boundary
        return o
    }

    /// One boundary for all endpoints: every secret any of them sends is scrubbed everywhere.
    public static func boundary(_ endpoints: [EndpointConfig]) -> OutputBoundary {
        OutputBoundary(merging: endpoints.map { Prober.makeRedactor($0.probeOptions()) })
    }

    static func render(
        _ result: FleetRun.Result,
        options: Options,
        started: Date,
        durationMs: () -> Double,
        boundary: OutputBoundary
    ) throws -> [RedactedText] {
        let outcomes = result.outcomes
        let changes = result.events.filter { $0.kind != .ongoing }
        switch options.format {
        case .json:
            return [
                boundary.pass(
                    try RunReport.json(
                        outcomes,
                        events: result.events,
                        started: started,
                        durationMs: durationMs(),
                        interrupted: result.interrupted
                    )
                )
            ]
        case .text where options.quiet:
            return changes.map { boundary.pass(RunReport.eventLine($0)) }
        case .text:
            let style = Style.forTerminal(isTTY: options.color)
            let width = outcomes.map(\.name.count).max() ?? 0
            return outcomes.map { boundary.pass(RunReport.line($0, style: style, width: width)) }
                + changes.map { boundary.pass(RunReport.eventLine($0)) }
                + [boundary.pass(RunReport.summary(outcomes, durationMs: durationMs()))]
        }
    }

    static func interruptionLine(_ signal: String, _ result: FleetRun.Result, selected: Int, store: StateStore?, grace: Double) -> String {
        var line = "interrupted by \(signal): \(result.outcomes.count) of \(selected) endpoint(s) probed"
        line += result.stateError == nil && store != nil ? " and recorded" : ", not recorded"
        if result.abandoned > 0 {
            line += ", \(result.abandoned) still in flight after the \(HTTPDiagCore.Format.fixed(grace, 1)) s grace period abandoned"
        }
        if result.notProbed > 0 { line += ", \(result.notProbed) not started" }
        if let store, result.stateError == nil { line += "; the run is marked interrupted in \(store.path)" }
        return line
    }
}
