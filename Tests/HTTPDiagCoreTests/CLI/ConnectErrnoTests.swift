import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// A connect that failed on this machine, before any SYN left it, is a `local_error` that
/// names the errno in words, never `connect_refused` ("nothing listens there") nor
/// `network_unreachable` (issue 9 §10). Each errno is provoked for real, inside a network
/// namespace of the test's own with only loopback: a routing rule that prohibits
/// (EACCES) or blackholes (EINVAL) one loopback address, IPv6 turned off (EADDRNOTAVAIL).
@Suite("Local connect errors", .serialized, .enabled(if: getuid() == 0, "needs root for ip netns"))
struct ConnectErrnoTests {
    /// A fresh namespace with loopback up and `setup` run inside it.
    func withNamespace(_ setup: [[String]], _ body: (String) throws -> Void) throws {
        let ns = "httpdiag-errno-\(getpid())"
        _ = try? runTool("/sbin/ip", ["netns", "del", ns])
        #expect(try runTool("/sbin/ip", ["netns", "add", ns]) == 0)
        defer { _ = try? runTool("/sbin/ip", ["netns", "del", ns]) }
        for command in [["ip", "link", "set", "lo", "up"]] + setup {
            #expect(try runTool("/sbin/ip", ["netns", "exec", ns] + command) == 0, "\(command)")
        }
        try body(ns)
    }

    /// Routing rules in front of the local table: `prohibit` → EACCES, `blackhole` → EINVAL.
    static let rules = [
        ["ip", "rule", "add", "pref", "100", "lookup", "local"], ["ip", "rule", "del", "pref", "0"],
        ["ip", "rule", "add", "pref", "10", "to", "127.0.0.9/32", "prohibit"],
        ["ip", "rule", "add", "pref", "11", "to", "127.0.0.10/32", "blackhole"],
    ]

    struct Case: Sendable, CustomStringConvertible {
        var url: String
        var errno: Int32
        var name: String
        var description: String { name }
    }

    static let cases = [
        Case(url: "http://127.0.0.9:8080/", errno: EACCES, name: "EACCES"),
        Case(url: "http://127.0.0.10:8080/", errno: EINVAL, name: "EINVAL"),
    ]

    func decode(_ r: CLIResult) throws -> CheckReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(CheckReport.self, from: Data(r.stdout.utf8))
    }

    func expectLocal(_ r: CLIResult, errno: Int32, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == 2 || r.status == 3, "\(r.stdout.prefix(300)) \(r.stderr)", sourceLocation: sourceLocation)
        let report = try decode(r)
        let probe = try #require(report.probes.first)
        #expect(probe.error?.kind == .localError, "\(probe.error.map { "\($0.kind) \($0.message)" } ?? "")", sourceLocation: sourceLocation)
        #expect(probe.error?.osErrno == Int(errno), sourceLocation: sourceLocation)
        #expect(probe.error?.phase == "connect", sourceLocation: sourceLocation)
        #expect(probe.error?.message.contains(name) == true, "\(probe.error?.message ?? "")", sourceLocation: sourceLocation)
        // The errno in words (strerror), not only its number.
        let words = String(cString: strerror(errno))
        #expect(probe.error?.message.contains(words) == true, "\(probe.error?.message ?? "") lacks '\(words)'", sourceLocation: sourceLocation)
        #expect(report.diagnoses.first?.id == "local_probe_error", "\(report.diagnoses.map(\.id))", sourceLocation: sourceLocation)
        // Nothing may say that a SYN was answered: none was sent.
        #expect(!r.stdout.contains("answered the TCP SYN"), sourceLocation: sourceLocation)
        #expect(!report.diagnoses.contains { $0.id == "tcp_connection_refused" }, sourceLocation: sourceLocation)
    }

    @Test(arguments: cases)
    func routingRuleErrnoIsALocalError(_ c: Case) throws {
        try withNamespace(Self.rules) { ns in
            let r = try runCLI(["check", c.url, "--format", "json"], prefix: ["/sbin/ip", "netns", "exec", ns])
            try expectLocal(r, errno: c.errno, name: c.name)
        }
    }

    @Test func noIPv6AddressIsALocalError() throws {
        try withNamespace([["sysctl", "-q", "-w", "net.ipv6.conf.lo.disable_ipv6=1"]]) { ns in
            let r = try runCLI(["check", "http://[::1]:8080/", "--format", "json"], prefix: ["/sbin/ip", "netns", "exec", ns])
            try expectLocal(r, errno: EADDRNOTAVAIL, name: "EADDRNOTAVAIL")
        }
    }

    /// The text output too: the verdict line names the errno and no playbook speaks of a SYN.
    @Test func textOutputNamesTheErrno() throws {
        try withNamespace(Self.rules) { ns in
            let r = try runCLI(["check", "http://127.0.0.9:8080/"], prefix: ["/sbin/ip", "netns", "exec", ns])
            #expect(r.stdout.hasPrefix("UNKNOWN: local_error") || r.stdout.hasPrefix("CRITICAL: local_error"), "\(r.stdout.prefix(200))")
            #expect(r.stdout.contains("EACCES"), "\(r.stdout.prefix(600))")
            #expect(!r.stdout.contains("connect_refused") && !r.stdout.contains("nothing listens"), "\(r.stdout.prefix(600))")
            #expect(!r.stdout.contains("answered the TCP SYN") && r.stdout.contains("no SYN was sent"), "\(r.stdout.prefix(600))")
        }
    }
}
