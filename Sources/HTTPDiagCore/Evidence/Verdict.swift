/// The monitoring-plugins verdict: the first word of the text output and the exit code.
public enum Verdict: String, Codable, Sendable, Comparable, CaseIterable {
    case ok = "OK"
    case warning = "WARNING"
    case critical = "CRITICAL"
    case unknown = "UNKNOWN"

    /// Exit code in the monitoring-plugins convention (Nagios, Icinga, Sensu): see `ExitStatus`.
    public var exitCode: Int32 { ExitStatus.of(self) }

    private var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .unknown: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}
