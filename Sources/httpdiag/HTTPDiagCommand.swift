import ArgumentParser
import HTTPDiagCore
#if canImport(Glibc)
import Glibc
#endif

@main
struct HTTPDiagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "httpdiag",
        abstract: "Tells why an HTTP endpoint is failing: DNS, TCP, TLS and HTTP, layer by layer.",
        version: HTTPDiagVersion.current,
        subcommands: [CheckCommand.self, RunCommand.self, HistoryCommand.self, IncidentsCommand.self, ExplainCommand.self, PlaybooksCommand.self, LabCommand.self])

    /// Every error ends here: one line on stderr and exit 3 (UNKNOWN), the
    /// monitoring-plugins code for bad usage; help and --version exit 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch let error as InputError {
            fail(error.message)
        } catch {
            let code = Self.exitCode(for: error)
            if code == .success || code.rawValue == 0 {
                Self.exit(withError: error)
            }
            let message = Self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail(message)
        }
    }

    static func fail(_ message: String) -> Never {
        var stderr = StandardError()
        print("httpdiag: \(message)", to: &stderr)
        Glibc.exit(Verdict.unknown.exitCode)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { _ = string.withCString { Glibc.write(2, $0, strlen($0)) } }
}
