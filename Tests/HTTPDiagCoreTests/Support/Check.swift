import Foundation
@testable import HTTPDiagCore
import HTTPDiagLab

/// Runs a check against a URL with test-friendly defaults (short timeouts).
func check(_ url: String, _ configure: (inout ProbeOptions) -> Void = { _ in }) throws -> CheckReport {
    var options = ProbeOptions(url: url)
    options.maxTimeMs = 5_000
    options.dnsTimeoutMs = 1_000
    configure(&options)
    return try Prober.check(options)
}

/// A lab server with one behaviour for every path.
func labServer(host: String = "127.0.0.1", _ behavior: LabBehavior) throws -> LabServer {
    try LabServer(host: host) { _ in behavior }
}

/// The repository root (for scripts, docs and the built binary).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A port with nothing listening: bound once to get a free number, then closed.
func closedPort() -> Int {
    let server = try! LabServer { _ in .emptyReply }
    let port = server.port
    server.stop()
    return port
}
