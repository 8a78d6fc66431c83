#if canImport(Glibc)
import Glibc
#endif

/// Every exit code of the CLI, decided here and nowhere else (the monitoring-plugins
/// convention: Nagios, Icinga, Sensu):
///
/// | code      | meaning                                                        |
/// |-----------|----------------------------------------------------------------|
/// | 0         | OK                                                             |
/// | 1         | WARNING (a certificate expiring soon)                          |
/// | 2         | CRITICAL (any failure; a failing playbook fixture or lab case) |
/// | 3         | UNKNOWN: bad usage, bad input, a state that cannot be used     |
/// | 128 + sig | interrupted by a signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP)  |
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let warning: Int32 = 1
    public static let critical: Int32 = 2
    public static let unknown: Int32 = 3

    /// The code of a verdict.
    public static func of(_ verdict: Verdict) -> Int32 {
        switch verdict {
        case .ok: ok
        case .warning: warning
        case .critical: critical
        case .unknown: unknown
        }
    }

    /// The code of an error: 128 + its signal if one interrupted the work, else 3 (UNKNOWN),
    /// whatever the module (bad input, a config, a locked or damaged state).
    public static func of(_ error: any Error) -> Int32 {
        if let e = error as? any HTTPDiagError, let sig = e.signal { return interrupted(by: sig) }
        return unknown
    }

    /// The code of a run interrupted by `signal`.
    public static func interrupted(by signal: Int32) -> Int32 { 128 + signal }
}
