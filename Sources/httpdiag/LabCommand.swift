import ArgumentParser
import Foundation
import HTTPDiagCore
import HTTPDiagLab
import HTTPDiagPlaybooks

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Start loopback endpoints that reproduce real failures, and diagnose them.",
        discussion: """
            Without --check the lab serves until interrupted; point `httpdiag check` at the URLs it prints. \
            With --check it diagnoses every endpoint once, prints endpoint → top diagnosis, writes one \
            Markdown report and one text report per endpoint, and exits 0 only if every endpoint got its expected diagnosis.
            """
    )

    @Flag(help: "Diagnose every lab endpoint once and print one line per endpoint.") var check = false
    @Option(help: "Directory for the Markdown reports of --check.") var reports = "reports"
    @Option(help: "Port of the lab's HTTP server (0 = any free port); TLS endpoints take the next ports.") var port = 0
    @Option(help: "UDP port of the lab's nameserver (0 = any free port).") var dnsPort = 0
    @Option(help: "Seconds allowed per probe.") var maxTime: Double = 3
    @OptionGroup var playbooks: PlaybookOptions

    /// The lab's HTTP server on 127.0.0.1, with [::1] on the same port held closed for as
    /// long as the lab runs: `ipv6-broken` (dual.lab.test, AAAA ::1) must find IPv6
    /// refused, and another program that takes that port on ::1 would answer instead. With
    /// `--port 0`, a port whose ::1 side is taken is given up for another.
    static func startHTTP(port: Int, handler: @escaping @Sendable (LabRequest) -> LabBehavior) throws -> (LabServer, ClosedIPv6Port?) {
        for _ in 0..<20 {
            let http = try LabServer(host: "127.0.0.1", port: port, routes: handler)
            if let closed = ClosedIPv6Port(http.port) { return (http, closed) }
            if port != 0 { return (http, nil) }  // the port asked for: the lab says what it can
            http.stop()
        }
        throw LabError.system("no free port for the lab on both 127.0.0.1 and ::1")
    }

    func run() throws {
        // The corpus and the certificate script are read from the repository.
        let playbookDir = PlaybookLocator.sourceDirectory() ?? "Playbooks"
        let endpoints = LabCatalog.endpoints { file in
            guard let data = FileManager.default.contents(atPath: playbookDir + "/corpus/" + file) else { return nil }
            return Self.wireBytes(of: data)
        }
        let (http, closedIPv6) = try Self.startHTTP(port: port) { request in
            // /delay/MS: a healthy answer after MS milliseconds (the fleet benchmark's origin).
            if request.path.hasPrefix("/delay/"), let ms = Int(request.path.dropFirst(7)) {
                return .custom { _ in
                    usleep(useconds_t(min(ms, 10_000) * 1000))
                    return .text(200, "ok\n")
                }
            }
            return endpoints.first { request.path == $0.path && $0.path != "/" }?.behavior ?? .text(200, "lab root\n")
        }
        defer { withExtendedLifetime(closedIPv6) {} }
        let dns = try LabDNSResponder(mode: .zone(LabCatalog.zone), port: dnsPort)
        // Certificates made fresh in a private temporary directory, removed when the lab
        // ends: normally, or on SIGINT, SIGTERM or SIGHUP.
        let tls = LabTLS(repositoryRoot: URL(fileURLWithPath: playbookDir).deletingLastPathComponent().path)
        defer { tls.stop() }
        let signals = tls.stopOnSignals()
        defer { for s in signals { s.cancel() } }

        var nextTLSPort = port == 0 ? 0 : port + 1
        func url(_ e: LabEndpoint) throws -> (String, ProbeOptions) {
            var o: ProbeOptions
            switch e.target {
            case .http(let path): o = ProbeOptions(url: http.baseURL + path)
            case .dns(let name, let path):
                o = ProbeOptions(url: "http://\(name):\(http.port)\(path)")
                o.dnsServer = DNSServer(host: "127.0.0.1", port: dns.port)
            case .tls(let cert, let extra):
                let port = try tls.start(cert: cert, extra: extra, port: nextTLSPort)
                if nextTLSPort != 0 { nextTLSPort += 1 }
                o = ProbeOptions(url: "https://localhost:\(port)/")
                o.tls.caFile = try tls.path("ca.pem")
            case .closedPort:
                o = ProbeOptions(url: "http://127.0.0.1:\(LabPorts.free())/")
            }
            o.headers = e.headers
            o.method = e.method
            o.body = e.body.map { Array($0.utf8) }
            o.samples = e.samples
            o.maxTimeMs = Int(maxTime * 1000)
            o.dnsTimeoutMs = 1000
            return (o.url, o)
        }

        guard check else {
            print("httpdiag lab: HTTP on \(http.baseURL), DNS zone on 127.0.0.1:\(dns.port) (Ctrl-C to stop)")
            for e in endpoints {
                guard let (u, o) = try? url(e) else { continue }
                let command = LabCommandLine.render(
                    LabCommandLine.arguments(
                        url: u,
                        method: e.method,
                        headers: e.headers,
                        body: e.body,
                        samples: e.samples,
                        dnsServer: o.dnsServer.map { "\($0)" },
                        caFile: o.tls.caFile
                    )
                )
                print("  \(e.name.padding(24)) \(command)")
            }
            if let certs = try? tls.certificates() {
                print("TLS certificates (removed when the lab stops): \(certs.directory)")
            }
            fflush(nil)  // flush every stream: the lab runs until killed
            // The signal sources must outlive the wait: in a release build their last use
            // would otherwise be their creation (the defer after an endless loop is never
            // reached), they would be freed, and SIGTERM would be caught and dropped.
            withExtendedLifetime(signals) {
                while true { sleep(3600) }
            }
            return
        }

        let engine = try playbooks.engine()
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        var mismatches = 0
        print("\("endpoint".padding(24)) \("expected".padding(42)) \("top diagnosis".padding(42)) verdict")
        for e in endpoints {
            let (_, options) = try url(e)
            let report = engine.diagnose(try Prober.check(options))
            let top = report.diagnoses.first?.id
            let ok = top == e.expected
            if !ok { mismatches += 1 }
            guard OutputFile.write(OutputBoundary.render(report, MarkdownReport.render), to: "\(reports)/\(e.name).md") else {
                throw InputError("cannot write \(reports)/\(e.name).md")
            }
            // And the text a terminal shows, so both renderings of every endpoint can be read (and checked).
            let text = OutputBoundary.render(report) { TextReport.render($0, style: Style(enabled: false), perfdata: false) }
            guard OutputFile.write(text, to: "\(reports)/\(e.name).txt") else { throw InputError("cannot write \(reports)/\(e.name).txt") }
            let verdict =
                TextReport.verdictLine(report, style: Style(enabled: false)).split(separator: "|").first.map { String($0).trimmedSpaces() } ?? ""
            print(
                "\(e.name.padding(24)) \((e.expected ?? "(none)").padding(42)) \(((top ?? "(none)") + (ok ? " ✓" : " ✗")).padding(42)) \(verdict.prefix(90))"
            )
        }
        print("\n\(endpoints.count - mismatches)/\(endpoints.count) endpoints got their expected diagnosis; reports in \(reports)/")
        if mismatches > 0 { throw ExitCode(Verdict.critical) }
    }

    /// The HTTP message of a corpus file: after the comment lines, head with CRLF.
    static func wireBytes(of data: Data) -> [UInt8] {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }
        return Array(lines.joined(separator: "\n").utf8)
    }
}
