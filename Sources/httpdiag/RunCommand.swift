import ArgumentParser
import Foundation
import HTTPDiagCore
import HTTPDiagFleet
import HTTPDiagPlaybooks

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Probe every endpoint of a config concurrently; track incidents in a SQLite state.",
        discussion: "Exit code: the worst verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). Meant for cron: see docs/scheduling.md.")

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
    @OptionGroup var playbooks: PlaybookOptions

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard concurrency >= 1 && concurrency <= 1000 else { throw ValidationError("--concurrency must be from 1 to 1000") }
        guard waitLock >= 0 else { throw ValidationError("--wait-lock must not be negative") }
        if let k = keepDays, k <= 0 { throw ValidationError("--keep-days must be positive") }
    }

    func run() throws {
        let fleet: FleetConfig
        do { fleet = try ConfigLoader.load(file: config) } catch let e as ConfigError { throw InputError(e.description) }
        let endpoints = FleetRunner.select(fleet.endpoints, only: only)
        guard !endpoints.isEmpty else { throw InputError("--only \(only.joined(separator: ",")): no endpoint of \(config) matches") }
        let statePath = state ?? StateStore.defaultPath()
        var lock: RunLock?
        if !noState {
            do { lock = try RunLock(statePath: statePath, waitSeconds: waitLock) } catch let e as RunLockError { throw InputError(e.message) }
        }
        let runner = FleetRunner(engine: try playbooks.engine(), concurrency: concurrency)
        let started = Date()
        let clock = MonotonicClock.now()
        let showProgress = isatty(2) == 1 && !quiet && format == .text
        let outcomes = runner.run(endpoints) { done, total in
            if showProgress { Progress.draw(done, total) }
        }
        if showProgress { Progress.clear() }
        let redact = Self.redactor(endpoints)
        var events: [IncidentEvent] = []
        if !noState {
            let store = try StateStore(path: statePath)
            events = try store.record(outcomes, at: started)
            if let keepDays { try store.prune(keepDays: keepDays, now: started) }
            if let reportDir { try IncidentReports.apply(events, directory: reportDir, store: store, redactor: redact) }
        }
        if let prometheus { try PrometheusTextfile.write(outcomes, to: prometheus) }
        if let notifyWebhook {
            for d in WebhookNotifier(url: notifyWebhook).notify(events, redactor: redact) where !d.delivered {
                var err = StandardError()
                print("httpdiag: webhook \(redact(notifyWebhook)) failed for \(d.event.outcome.name) after \(d.attempts) attempts (status \(d.status))", to: &err)
            }
        }
        withExtendedLifetime(lock) {}
        let worst = outcomes.map(\.verdict).max() ?? .unknown
        let changes = events.filter { $0.kind != .ongoing }
        switch format {
        case .json:
            print(redact(try RunReport.json(outcomes, events: events, started: started, durationMs: MonotonicClock.millisecondsSince(clock))))
        case .text:
            if quiet {
                for e in changes { print(redact(RunReport.eventLine(e))) }
            } else {
                let style = Style.forTerminal(isTTY: isatty(1) == 1)
                for o in outcomes { print(redact(RunReport.line(o, style: style, width: outcomes.map(\.name.count).max() ?? 0))) }
                for e in changes { print(redact(RunReport.eventLine(e))) }
                print(RunReport.summary(outcomes, durationMs: MonotonicClock.millisecondsSince(clock)))
            }
        }
        if worst != .ok { throw ExitCode(worst.exitCode) }
    }

    /// One redactor for all endpoints: every secret any of them sends is scrubbed everywhere.
    static func redactor(_ endpoints: [EndpointConfig]) -> (String) -> String {
        var secrets = Redactor()
        for e in endpoints {
            let r = Prober.makeRedactor(e.probeOptions())
            for s in r.secrets { secrets.addSecret(s) }
        }
        let final = secrets
        return { final.scrub($0) }
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
