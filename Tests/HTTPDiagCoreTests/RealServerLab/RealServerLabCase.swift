import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

/// One case of the real-server lab: a Debian server misconfigured the way operators do it,
/// what sits behind it, the request, and the diagnosis `httpdiag check` must rank first.
/// The cases are data (RealServerLabCases.swift): change an expectation there.
struct RealServerLabCase: Sendable, CustomTestStringConvertible {
    /// Unique, file-name safe: also the name of its recording.
    var name: String
    /// The server the client talks to, with the operator's config.
    var server: RealServerSpec
    /// What that server forwards to.
    var upstream: RealServerUpstream = .none
    /// One line: what the operator got wrong.
    var misconfiguration: String
    var request = RealServerLabRequest()
    /// `diagnoses[0].id` expected (Playbooks/ROOT_CAUSES.md, /work/design-issue8.md).
    var expected: String
    /// Other top ids that are equally right given what is on the wire.
    var alternatives: [String] = []

    var acceptable: [String] { [expected] + alternatives }
    var testDescription: String { name }
}

/// A real server as a case writes it: the product and the operator's part of its config.
/// Placeholders: see `RealServers`.
enum RealServerSpec: Sendable {
    /// The inside of nginx's `http {}` block.
    case nginx(http: String)
    /// httpd.conf after the boilerplate; `modules` to load besides mpm_event and authz_core.
    case apache(modules: [String], config: String)
    /// Frontends and backends after a `defaults` section in HTTP mode.
    case haproxy(config: String)
    /// The whole VCL file.
    case varnish(vcl: String)
    /// A WSGI `application` in app.py, and gunicorn's command-line settings.
    case gunicorn(app: String, options: [String])
    /// An ASGI `app` in app.py, and uvicorn's command-line settings.
    case uvicorn(app: String, options: [String])

    var product: String {
        switch self {
        case .nginx: "nginx"
        case .apache: "apache2"
        case .haproxy: "haproxy"
        case .varnish: "varnish"
        case .gunicorn: "gunicorn"
        case .uvicorn: "uvicorn"
        }
    }

    /// The config as the case wrote it (placeholders unfilled), for the recording.
    var configText: String {
        let command = { (program: String, options: [String], app: String) in ([program] + options + [app]).joined(separator: " ") + "\n" }
        let text: String =
            switch self {
            case .nginx(let http): http
            case .apache(let modules, let config): "# modules: \(modules.joined(separator: " "))\n" + config
            case .haproxy(let config): config
            case .varnish(let vcl): vcl
            case .gunicorn(let app, let options): command("gunicorn", options, "app:application") + app
            case .uvicorn(let app, let options): command("uvicorn", options, "app:app") + app
            }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func start(port: Int, upstreamPort: Int?) throws -> RealServer {
        switch self {
        case .nginx(let http): try RealServers.nginx(http: http, port: port, upstreamPort: upstreamPort)
        case .apache(let modules, let config): try RealServers.apache(config: config, modules: modules, port: port, upstreamPort: upstreamPort)
        case .haproxy(let config): try RealServers.haproxy(config: config, port: port, upstreamPort: upstreamPort)
        case .varnish(let vcl): try RealServers.varnish(vcl: vcl, port: port, upstreamPort: upstreamPort)
        case .gunicorn(let app, let options): try RealServers.gunicorn(app: app, options: options, port: port)
        case .uvicorn(let app, let options): try RealServers.uvicorn(app: app, options: options, port: port)
        }
    }
}

/// What the case's server forwards to.
enum RealServerUpstream: Sendable {
    case none
    /// Nothing listens on the upstream port: the backend is down.
    case closedPort
    /// httpdiag's own socket server in this process, for upstreams that must break HTTP
    /// (non-HTTP bytes, a stall, a 16 KiB header); the text says what it stands for.
    case socket(LabBehavior, String)
    /// Another real server (gunicorn or uvicorn behind nginx).
    case server(RealServerSpec)

    var text: String {
        switch self {
        case .none: "none"
        case .closedPort: "a closed port (upstream down)"
        case .socket(_, let what): what
        case .server(let spec): spec.product
        }
    }
}

/// The request `httpdiag check` sends.
struct RealServerLabRequest: Sendable {
    enum Target: Sendable {
        /// http://127.0.0.1:PORT
        case loopback
        /// A name of the test dnsmasq zone (TestDNS: dnsmasq on 127.0.0.1 and a free port), with `--dns-server`.
        case testDNS(String)
        /// A name the flags pin (`--resolve`).
        case name(String)
    }

    var target: Target = .loopback
    var path = "/"
    /// Extra `httpdiag check` flags. `{{port}}` is the server's port, `{{bytes:N}}` N
    /// letters, `{{file:N}}` the path of a file of N bytes.
    var flags: [String] = []
    /// Plain requests sent first (a rate limiter's allowance).
    var warmup = 0
}
