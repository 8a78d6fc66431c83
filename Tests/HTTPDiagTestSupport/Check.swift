import Foundation
import HTTPDiagCore
import HTTPDiagLab

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
