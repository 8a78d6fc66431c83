import ArgumentParser
import HTTPDiagCore
import HTTPDiagLab
#if canImport(Glibc)
import Glibc
#endif

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Start loopback endpoints that reproduce real failures, and diagnose them.",
        discussion: "Without --check the lab serves until interrupted; point `httpdiag check` at the URLs it prints.")

    @Flag(help: "Diagnose every lab endpoint once and print one line per endpoint.") var check = false
    @Option(help: "Port of the lab's HTTP server (0 = any free port).") var port = 0
    @Option(help: "Seconds allowed per probe.") var maxTime: Double = 2

    func run() throws {
        let endpoints = LabCatalog.endpoints
        let server = try LabServer(port: port) { request in
            endpoints.first { request.path == $0.path }?.behavior ?? .text(404, "no such lab endpoint\n")
        }
        guard check else {
            print("httpdiag lab on \(server.baseURL) (Ctrl-C to stop)")
            for e in endpoints { print("  \(server.baseURL)\(e.path)  \(e.summary)") }
            while true { pause() }
        }
        var rows: [(String, String)] = []
        var worst = Verdict.ok
        for endpoint in endpoints {
            var options = ProbeOptions(url: server.baseURL + endpoint.path)
            options.headers = endpoint.headers
            options.method = endpoint.method
            options.body = endpoint.body.map { Array($0.utf8) }
            options.maxTimeMs = Int(maxTime * 1000)
            if endpoint.name == "intermittent" { options.samples = 3 }
            let report = try Prober.check(options)
            worst = max(worst, report.verdict)
            rows.append((endpoint.name, TextReport.verdictLine(report, style: .forTerminal(isTTY: isatty(1) == 1))
                            .split(separator: "|").first.map { String($0).trimmedSpaces() } ?? ""))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (name, line) in rows { print(name + String(repeating: " ", count: width - name.count + 2) + line) }
    }
}
