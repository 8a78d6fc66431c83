import ArgumentParser
import Foundation
import HTTPDiagCore
import HTTPDiagFleet
import HTTPDiagPlaybooks

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Probe every endpoint of a config concurrently; track incidents in a SQLite state.",
        discussion: "Exit code: the worst verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); 128 + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP) for a run interrupted by one, after committing what finished. Meant for cron: see docs/scheduling.md.")

    @Option(help: "Config file (JSON; see config.example.json).") var config: String
    @Option(help: "Endpoints probed at once.") var concurrency = 32
    @Option(help: "Only this endpoint name, or tag:T (repeatable).") var only: [String] = []
    @Option(help: "text or json.") var format: Format = .text
    @Flag(help: "Print nothing unless an incident opened, changed or resolved.") var quiet = false
    @Option(help: "SQLite state file (default $XDG_STATE_HOME/httpdiag/state.sqlite).") var state: String?
    @Flag(help: "Do not record results or incidents.") var noState = false
    @Option(help: "Write Markdown incident reports here when incidents open, change or resolve.") var reportDir: String?
    @Option(help: "Write a node_exporter textfile here (atomically).") var prometheus: String?
    @Option(help: "POST incident openings and resolutions here (JSON, Slack-compatible text).") var notifyWebhook: String?
    @Option(help: "Seconds to wait for another run's lock before giving up.") var waitLock: Double = 0
    @Option(help: "Delete results older than this many days.") var keepDays: Double?
    @Option(help: "After SIGTERM, SIGINT or SIGHUP: seconds the probes in flight may take to finish before what finished is committed.") var grace: Double = 5
    @Option(help: "Seconds all webhook deliveries of a run may take together (what is left is retried by the next run).") var webhookDeadline: Double = 20
    @OptionGroup var playbooks: PlaybookOptions

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard concurrency >= 1 && concurrency <= 1000 else { throw ValidationError("--concurrency must be from 1 to 1000") }
        guard waitLock >= 0 else { throw ValidationError("--wait-lock must not be negative") }
        if let k = keepDays, k <= 0 { throw ValidationError("--keep-days must be positive") }
        guard grace >= 0 && grace <= 3600 else { throw ValidationError("--grace must be from 0 to 3600 seconds") }
        guard webhookDeadline > 0 && webhookDeadline <= 3600 else { throw ValidationError("--webhook-deadline must be more than 0 and at most 3600 seconds") }
    }

    func run() throws {
        let fleet: FleetConfig
        do { fleet = try ConfigLoader.load(file: config) } catch let e as ConfigError { throw InputError(e.description) }
        let endpoints = FleetRunner.select(fleet.endpoints, only: only)
        guard !endpoints.isEmpty else { throw InputError("--only \(only.joined(separator: ",")): no endpoint of \(config) matches") }
        // Signals are caught from here on: a run interrupted now still commits what finished.
        Interruption.install()
        let statePath = state ?? StateStore.defaultPath()
        var lock: RunLock?
        var store: StateStore?
        let started = Date()
        var runID: Int64?
        if !noState {
            do { lock = try RunLock(statePath: statePath, waitSeconds: waitLock) } catch let e as RunLockError {
                if let sig = Interruption.signal {
                    var err = StandardError()
                    print("httpdiag: \(e.message)", to: &err)
                    _exit(128 + sig)
                }
                throw InputError(e.message)
            }
            // The state is opened and checked before any probe: a damaged, newer, read-only
            // or full file is refused now, not after the whole run.
            do {
                let s = try StateStore.openForRun(path: lock!.statePath, endpoints: endpoints.count)
                runID = try s.beginRun(at: started, endpoints: endpoints.count)
                store = s
            } catch let e as StateError { throw InputError(e.description) }
        }
        let boundary = Self.boundary(endpoints)
        var options = FleetRunOptions()
        options.reportDir = reportDir
        options.prometheus = prometheus
        options.webhook = notifyWebhook
        options.graceSeconds = grace
        options.webhookDeadlineSeconds = webhookDeadline
        options.keepDays = keepDays
        options.boundary = boundary
        let fleetRun = FleetRun(runner: FleetRunner(engine: try playbooks.engine(), concurrency: concurrency), store: store, options: options)
        let clock = MonotonicClock.now()
        let showProgress = isatty(2) == 1 && !quiet && format == .text
        var result = fleetRun.probeAndRecord(endpoints, runID: runID, startedAt: started) { done, total in
            if showProgress { Progress.draw(done, total) }
        }
        if showProgress { Progress.clear() }
        var err = StandardError()
        if let e = result.stateError { print("httpdiag: \(e.description)", to: &err) }
        fleetRun.deliverFiles(&result)
        // Webhooks go out after the lock is released, concurrently, under one deadline; an
        // interrupted run leaves them in the outbox for the next run.
        let claimed = result.interrupted == nil ? fleetRun.claimWebhooks() : []
        lock?.release()
        if !claimed.isEmpty { fleetRun.deliverWebhooks(claimed, &result) }
        for e in result.outputErrors { print("httpdiag: \(boundary.pass(e.message))", to: &err) }
        for line in result.webhookFailures { print("httpdiag: \(line)", to: &err) }
        withExtendedLifetime(lock) {}
        let outcomes = result.outcomes
        let events = result.events
        let worst = outcomes.map(\.verdict).max() ?? .unknown
        let changes = events.filter { $0.kind != .ongoing }
        switch format {
        case .json:
            StandardOutput.print(boundary.pass(try RunReport.json(outcomes, events: events, started: started,
                                                                  durationMs: MonotonicClock.millisecondsSince(clock),
                                                                  interrupted: result.interrupted)))
        case .text:
            if quiet {
                for e in changes { StandardOutput.print(boundary.pass(RunReport.eventLine(e))) }
            } else {
                let style = Style.forTerminal(isTTY: isatty(1) == 1)
                let width = outcomes.map(\.name.count).max() ?? 0
                for o in outcomes { StandardOutput.print(boundary.pass(RunReport.line(o, style: style, width: width))) }
                for e in changes { StandardOutput.print(boundary.pass(RunReport.eventLine(e))) }
                StandardOutput.print(boundary.pass(RunReport.summary(outcomes, durationMs: MonotonicClock.millisecondsSince(clock))))
            }
        }
        if let sig = result.interrupted ?? Interruption.signal.map(Interruption.name) {
            var line = "httpdiag: interrupted by \(sig): \(outcomes.count) of \(endpoints.count) endpoint(s) probed"
            line += result.stateError == nil && store != nil ? " and recorded" : ", not recorded"
            if result.abandoned > 0 { line += ", \(result.abandoned) still in flight after the \(HTTPDiagCore.Format.fixed(grace, 1)) s grace period abandoned" }
            if result.notProbed > 0 { line += ", \(result.notProbed) not started" }
            if let store, result.stateError == nil { line += "; the run is marked interrupted in \(store.path)" }
            print(line, to: &err)
            fflush(nil)
            // Probes abandoned in flight still run on their threads: leave without running
            // exit handlers under them.
            _exit(128 + (Interruption.signal ?? SIGTERM))
        }
        if result.stateError != nil { throw ExitCode(3) }
        if worst != .ok { throw ExitCode(worst.exitCode) }
    }

    /// One boundary for all endpoints: every secret any of them sends is scrubbed everywhere.
    static func boundary(_ endpoints: [EndpointConfig]) -> OutputBoundary {
        OutputBoundary(merging: endpoints.map { Prober.makeRedactor($0.probeOptions()) })
    }
}

enum Progress {
    static func draw(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        var err = StandardError()
        print("\r[\(bar)] \(done)/\(total)", terminator: "", to: &err)
    }

    static func clear() {
        var err = StandardError()
        print("\r\u{1B}[2K", terminator: "", to: &err)
    }
}
