import Foundation

/// What every prober of one check is given: the check's options and target, the redactor
/// every piece of network text passes through before it becomes evidence, the proxy in use
/// (redacted, for the request evidence), the clock, and the probers (ProberRegistry).
struct ProbeContext: Sendable {
    let options: ProbeOptions
    let target: TargetURL
    let redactor: Redactor
    let proxy: String?
    let now: @Sendable () -> Date
    var probers: ProberRegistry = .standard
}
