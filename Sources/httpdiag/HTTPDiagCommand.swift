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
        subcommands: [
            CheckCommand.self, RunCommand.self, HistoryCommand.self, IncidentsCommand.self, ExplainCommand.self, PlaybooksCommand.self,
            LabCommand.self, VersionCommand.self,
        ]
    )

    /// Every error ends here: one line on stderr and the code `ExitStatus` gives it (3,
    /// UNKNOWN, the monitoring-plugins code for bad usage; 128 + a signal that interrupted
    /// the work); help and --version exit 0.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if VersionCommand.isVersionFlag(arguments) {
            print(VersionCommand.text)
            return
        }
        do {
            // The usual `check URL [flags]` skips ArgumentParser's reflection (CheckArgumentScanner).
            if arguments.first == "check", let check = CheckArgumentScanner.scan(arguments.dropFirst()) {
                try check.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch let error as any HTTPDiagError {
            fail(error.errorDescription ?? error.description, status: ExitStatus.of(error))
        } catch {
            // Named only after a failed parse: walking the commands' names costs start-up time.
            if let unknown = UsageSuggestion.unknownSubcommand(arguments, root: Self.self) { fail(unknown) }
            let code = Self.exitCode(for: error)
            if code == .success || code.rawValue == 0 {
                Self.exit(withError: error)
            }
            let message = Self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail(UsageSuggestion.improve(message))
        }
    }

    static func fail(_ message: String, status: Int32 = ExitStatus.unknown) -> Never {
        StandardError.say(message)
        Glibc.exit(status)
    }
}

/// Error messages and warnings on stderr, through the output boundary (the environment's
/// AWS credentials and every secret shape are redacted; the message may quote a URL).
enum StandardError {
    /// `httpdiag: MESSAGE` on stderr.
    static func say(_ message: String) { StandardErrorOutput.say(OutputBoundary().pass(message)) }

    /// Text as it is (a progress bar), no prefix, no newline.
    static func write(_ text: String) { StandardErrorOutput.write(OutputBoundary().pass(text)) }
}
