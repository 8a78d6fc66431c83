import Foundation
import HTTPDiagCore
import HTTPDiagLab
import Synchronization

/// The repository root (for scripts, docs, playbooks and the built binary).
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The repository's playbook directory.
public let playbookDirectory = repositoryRoot.appendingPathComponent("Playbooks").path

/// Runs a check against a URL with test-friendly defaults (short timeouts).
public func check(_ url: String, _ configure: (inout ProbeOptions) -> Void = { _ in }) throws -> CheckReport {
    var options = ProbeOptions(url: url)
    options.maxTimeMs = 5_000
    options.dnsTimeoutMs = 1_000
    configure(&options)
    return try Prober.check(options)
}

/// A lab server with one behaviour for every path.
public func labServer(host: String = "127.0.0.1", _ behavior: LabBehavior) throws -> LabServer {
    try LabServer(host: host) { _ in behavior }
}

/// A port with nothing listening (LabPorts.free: bound once to get a free number, then closed).
public func closedPort() -> Int { LabPorts.free() }

/// A test failure with a message (a helper could not set something up).
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A new, empty temporary directory of the caller's own (`$TMPDIR/prefix-UUID`), removed
/// when the test process exits if the caller has not removed it before.
public func makeTemporaryDirectory(_ prefix: String) throws -> String {
    let dir = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    TemporaryDirectories.made.withLock { $0.append(dir) }
    _ = TemporaryDirectories.removedAtExit
    return dir
}

private enum TemporaryDirectories {
    static let made = Mutex<[String]>([])
    static let removedAtExit: Bool = {
        atexit { for d in TemporaryDirectories.made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: d) } }
        return true
    }()
}

/// A playbook that loads (id, title "A sample", layer http, severity critical, confidence
/// 0.5): one `condition` line under `when:` (line 7), the `explanation` on line 8.
public func samplePlaybook(
    id: String = "sample_cause",
    condition: String = "- status: 500",
    explanation: String = "The server said {{status}}."
) -> String {
    """
    id: \(id)
    title: A sample
    layer: http
    severity: critical
    confidence: 0.5
    when:
      \(condition)
    explanation: \(explanation)
    remediation: [fix it]
    verify: [check it]
    """
}
