import ArgumentParser
import Foundation
import HTTPDiagCore
import HTTPDiagFleet
import HTTPDiagPlaybooks

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Probe every endpoint of a config concurrently; track incidents in a SQLite state.",
        discussion:
            "Exit code: the worst verdict (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); 128 + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP) for a run interrupted by one, after committing what finished. Meant for cron: see docs/scheduling.md."
    )

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
    @Option(help: "After SIGTERM, SIGINT or SIGHUP: seconds the probes in flight may take to finish before what finished is committed.") var grace:
        Double = 5
    @Option(help: "Seconds all webhook deliveries of a run may take together (what is left is retried by the next run).") var webhookDeadline:
        Double = 20
    @OptionGroup var playbooks: PlaybookOptions

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        do { try session.validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let showProgress = isatty(2) == 1 && !quiet && format == .text
        var observer = FleetSession.Observer(warning: { StandardError.say($0.text) })
        if showProgress {
            observer.progress = { Progress.draw($0, $1) }
            observer.probed = { Progress.clear() }
        }
        let result = try FleetSession.run(session, observer: observer)
        StandardOutput.print(lines: result.lines)
        if let interrupted = result.interrupted {
            StandardError.say(interrupted.message)
            fflush(nil)
            // Probes abandoned in flight still run on their threads: leave without running
            // exit handlers under them.
            _exit(result.exitStatus)
        }
        if result.exitStatus != ExitStatus.ok { throw ExitCode(result.exitStatus) }
    }

    /// The flags, as the session's options.
    var session: FleetSession.Options {
        var o = FleetSession.Options(config: config)
        o.concurrency = concurrency
        o.only = only
        o.format = format == .json ? .json : .text
        o.quiet = quiet
        o.state = state
        o.noState = noState
        o.reportDir = reportDir
        o.prometheus = prometheus
        o.webhook = notifyWebhook
        o.waitLockSeconds = waitLock
        o.keepDays = keepDays
        o.graceSeconds = grace
        o.webhookDeadlineSeconds = webhookDeadline
        o.playbooks = playbooks.source
        o.color = isatty(1) == 1
        o.catchSignals = true
        return o
    }
}

enum Progress {
    static func draw(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        StandardError.write("\r[\(bar)] \(done)/\(total)")
    }

    static func clear() {
        StandardError.write("\r\u{1B}[2K")
    }
}
