import Foundation
import HTTPDiagTestSupport
import Testing

/// The top-level help is a contract users read first (issue 11): its exact text, so a
/// change to it is a change someone chose. Subcommands' help is left to their own tests.
@Suite("httpdiag --help")
struct HelpSnapshotTests {
    static let expected = """
        OVERVIEW: Tells why an HTTP endpoint is failing: DNS, TCP, TLS and HTTP, layer
        by layer.

        USAGE: httpdiag <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          check                   Probe URLs for real and report what happened at each
                                  layer.
          run                     Probe every endpoint of a config concurrently; track
                                  incidents in a SQLite state.
          history                 Recent results of one endpoint (a latency sparkline
                                  on a terminal).
          incidents               Incidents recorded by `httpdiag run`.
          explain                 Print a root cause as a runbook, or list the causes
                                  of an HTTP status (`httpdiag explain 502`).
          playbooks               List, validate and test the root-cause playbooks.
          lab                     Start loopback endpoints that reproduce real
                                  failures, and diagnose them.
          version                 Print the version of httpdiag, libcurl and OpenSSL,
                                  and the number of built-in playbooks.

          See 'httpdiag help <subcommand>' for detailed help.

        """

    @Test func topLevelHelpIsTheSnapshot() throws {
        let r = try spawnMeasured(httpdiagBinary, ["--help"], extraEnvironment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout == Self.expected, "\(r.stdout)")
    }

    @Test func versionNamesTheLibrariesAndThePlaybookCount() throws {
        for args in [["--version"], ["-V"], ["version"]] {
            let r = try spawnMeasured(httpdiagBinary, args)
            #expect(r.status == 0, "\(args)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("httpdiag ") == true, "\(r.stdout)")
            #expect(lines.contains { $0.hasPrefix("libcurl ") }, "\(r.stdout)")
            #expect(lines.contains { $0.hasPrefix("OpenSSL ") }, "\(r.stdout)")
            #expect(r.stdout.contains(/playbooks: [1-9][0-9]* built in, [1-9][0-9]* hop signatures/), "\(r.stdout)")
        }
    }

    /// Near misses get the closest command, value or id on stderr, exit 3.
    @Test(
        arguments: [
            (["chek", "http://127.0.0.1/"], "unknown command 'chek' (did you mean 'check'?)"),
            (["playbooks", "lnt"], "unknown command 'lnt' (did you mean 'lint'?)"),
            (["http://127.0.0.1/"], "(did you mean 'httpdiag check http://127.0.0.1/'?)"),
            (
                ["check", "http://127.0.0.1/", "--format", "jsno"],
                "Please provide one of 'text', 'json' or 'markdown'. Did you mean 'json'?"
            ),
            (["run", "--config", "x.json", "--format", "jsn"], "Please provide one of 'text' and 'json'. Did you mean 'json'?"),
            (["explain", "cloudfront_s3_oai"], "(did you mean 'cloudfront_s3_origin_access_denied'?)"),
            (["explain", "tls_expird"], "(did you mean 'tls_certificate_expired'?)"),
        ]
    )
    func nearMissesGetASuggestion(arguments: [String], suggestion: String) throws {
        let r = try runCLI(arguments)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains(suggestion), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
