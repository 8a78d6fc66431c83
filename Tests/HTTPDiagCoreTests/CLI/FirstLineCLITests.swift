import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// `httpdiag check` on a terminal (a pseudo-terminal made by util-linux `script`) and
/// not on one: the perfdata leaves line 1 only for a person, and `--perfdata` keeps it.
@Suite("check: line 1 on a terminal and off it")
struct FirstLineCLITests {
    static let script = "/usr/bin/script"

    func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([httpdiagBinary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let run = try spawnMeasured(Self.script, ["-qec", command, "/dev/null"])
        return run.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func theTerminalGetsTheVerdictWithoutPerfdata() throws {
        let server = try labServer(.text(200, "ok"))
        let url = server.baseURL + "/"
        let tty = try onTerminal(["check", url])
        #expect(tty.split(separator: "\n").first == "OK: 200 OK from 127.0.0.1:\(server.port)", "\(tty)")
        let asked = try onTerminal(["check", url, "--perfdata"])
        #expect(asked.split(separator: "\n").first?.contains(" | time_total=") == true, "\(asked)")
        let piped = try runCLI(["check", url])
        #expect(piped.stdout.split(separator: "\n").first?.hasPrefix("OK: 200 OK from 127.0.0.1:\(server.port) | time_total=") == true)
    }

    @Test func explainSaysWhenAStatusHasNoCause() throws {
        let r = try runCLI(["explain", "418"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("No playbook names 418"), "\(r.stdout)")
        let tls = try runCLI(["explain", "tls_certificate_expired"])
        #expect(tls.stdout.contains("<host>:<port>") && !tls.stdout.contains("{{"), "\(tls.stdout)")
    }
}
