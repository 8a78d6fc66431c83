import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport

/// The real-server lab's cases, one row each: server, the operator's mistake, request,
/// expected top diagnosis and the alternatives that are as right given the wire.
/// Proxy timeouts are ~1 s so the slow cases stay fast.
extension RealServerLabCase {
    static let all: [RealServerLabCase] = nginx + apache + haproxy + varnish + appServers

    // MARK: nginx

    static let nginx: [RealServerLabCase] = [
        RealServerLabCase(
            name: "nginx-upstream-down",
            server: .nginx(http: proxy("proxy_connect_timeout 1s;")),
            upstream: .closedPort,
            misconfiguration: "proxy_pass to a backend port nothing listens on (app not started, wrong port)",
            expected: "upstream_unavailable"
        ),
        RealServerLabCase(
            name: "nginx-upstream-slow",
            server: .nginx(http: proxy("proxy_read_timeout 1s;")),
            upstream: .socket(.stall, "a backend that never answers"),
            misconfiguration: "proxy_read_timeout 1s, shorter than the backend takes",
            expected: "upstream_timeout"
        ),
        RealServerLabCase(
            name: "nginx-upstream-not-http",
            server: .nginx(http: proxy("")),
            upstream: .socket(.raw(mysqlGreeting), "a MySQL server's greeting (non-HTTP bytes)"),
            misconfiguration: "proxy_pass to the database port: nginx passes the bytes on as an HTTP/0.9 response",
            expected: "non_http_response",
            alternatives: ["upstream_invalid_response"]
        ),
        RealServerLabCase(
            name: "nginx-upstream-header-too-big",
            server: .nginx(http: proxy("proxy_buffer_size 4k;\nproxy_buffers 4 4k;")),
            upstream: .socket(.hugeHeader(size: 16_384), "a backend sending a 16 KiB response header"),
            misconfiguration: "proxy_buffer_size 4k while the backend sends a 16 KiB header (\"upstream sent too big header\")",
            // The client gets the same bytes, as fast, as when the backend is down: only nginx's error log differs.
            expected: "upstream_invalid_response",
            alternatives: ["upstream_unavailable"]
        ),
        RealServerLabCase(
            name: "nginx-client-max-body-size",
            server: .nginx(http: proxy("", location: "/upload")),
            upstream: okBackend,
            misconfiguration: "client_max_body_size left at its default (1m) for an upload of 2 MiB",
            request: RealServerLabRequest(
                path: "/upload",
                flags: ["--data-binary", "@{{file:2097152}}", "-H", "Content-Type: application/octet-stream"]
            ),
            expected: "payload_too_large"
        ),
        RealServerLabCase(
            name: "nginx-large-client-header-buffers",
            server: .nginx(http: proxy("", server: "large_client_header_buffers 4 1k;")),
            upstream: okBackend,
            misconfiguration: "large_client_header_buffers 4 1k and a 3 KB session cookie",
            request: RealServerLabRequest(flags: ["-H", "Cookie: session={{bytes:3000}}"]),
            expected: "request_headers_too_large",
            alternatives: ["bad_request"]
        ),
        RealServerLabCase(
            name: "nginx-deny-all",
            server: .nginx(http: proxy("allow 10.0.0.0/8;\ndeny all;", location: "/admin/")),
            upstream: okBackend,
            misconfiguration: "allow 10.0.0.0/8; deny all; on /admin/ and the client is not in 10/8",
            request: RealServerLabRequest(path: "/admin/"),
            expected: "access_denied_by_rule"
        ),
        RealServerLabCase(
            name: "nginx-limit-req-503",
            server: .nginx(http: proxy("limit_req zone=api;", http: "limit_req_zone $binary_remote_addr zone=api:1m rate=1r/m;")),
            upstream: okBackend,
            misconfiguration: "limit_req rate=1r/m without burst (status left at its default 503), second request",
            request: RealServerLabRequest(warmup: 1),
            expected: "rate_limited",
            alternatives: ["service_unavailable"]
        ),
        RealServerLabCase(
            name: "nginx-limit-req-429",
            server: .nginx(
                http: proxy("limit_req zone=api;\nlimit_req_status 429;", http: "limit_req_zone $binary_remote_addr zone=api:1m rate=1r/m;")
            ),
            upstream: okBackend,
            misconfiguration: "limit_req rate=1r/m without burst, limit_req_status 429, second request",
            request: RealServerLabRequest(warmup: 1),
            expected: "rate_limited"
        ),
        RealServerLabCase(
            name: "nginx-maintenance-503",
            server: .nginx(
                http: """
                    server {
                        listen 127.0.0.1:{{port}};
                        location / {
                            return 503;   # maintenance mode, left on after the deploy
                        }
                    }
                    """
            ),
            misconfiguration: "maintenance `return 503;` left in place after a deploy",
            // Byte for byte the 503 of nginx-limit-req-503.
            expected: "service_unavailable",
            alternatives: ["rate_limited"]
        ),
        RealServerLabCase(
            name: "nginx-gunicorn-worker-timeout",
            server: .nginx(http: proxy("proxy_read_timeout 30s;")),
            upstream: .server(.gunicorn(app: wsgiApp, options: ["--timeout", "1"])),
            misconfiguration: "gunicorn --timeout 1 behind nginx: the worker is killed during a slow view, nginx answers 502",
            request: RealServerLabRequest(path: "/slow"),
            expected: "upstream_unavailable",
            alternatives: ["upstream_timeout"]
        ),
        RealServerLabCase(
            name: "nginx-uvicorn-app-exception",
            server: .nginx(http: proxy("")),
            upstream: .server(.uvicorn(app: asgiApp, options: ["--lifespan", "off"])),
            misconfiguration: "the ASGI app raises (uvicorn's 500 passed through nginx, which replaces Server)",
            request: RealServerLabRequest(path: "/boom"),
            expected: "origin_server_error"
        ),
        RealServerLabCase(
            name: "nginx-listen-ipv4-only",
            server: .nginx(
                http: """
                    server {
                        listen 127.0.0.1:{{port}};   # no listen [::1]:{{port}}; but the name has an AAAA record
                        location / { return 200 "ok\\n"; }
                    }
                    """
            ),
            misconfiguration: "listen on IPv4 only behind a name with A and AAAA (v6.test: 127.0.0.1 and ::1)",
            request: RealServerLabRequest(target: .testDNS("v6.test")),
            expected: "ipv6_path_broken"
        ),
    ]

    // MARK: Apache httpd

    static let apache: [RealServerLabCase] = [
        RealServerLabCase(
            name: "apache-proxypass-down",
            server: .apache(modules: ["proxy", "proxy_http"], config: proxyPass("")),
            upstream: .closedPort,
            misconfiguration: "ProxyPass to a backend port nothing listens on",
            expected: "upstream_unavailable"
        ),
        RealServerLabCase(
            name: "apache-proxypass-slow",
            server: .apache(modules: ["proxy", "proxy_http"], config: proxyPass(" timeout=1")),
            upstream: .socket(.stall, "a backend that never answers"),
            misconfiguration: "ProxyPass ... timeout=1, shorter than the backend takes (Apache answers 502 \"Error reading from remote server\")",
            expected: "upstream_timeout",
            alternatives: ["upstream_invalid_response"]
        ),
        RealServerLabCase(
            name: "apache-proxypass-not-http",
            server: .apache(modules: ["proxy", "proxy_http"], config: proxyPass("")),
            upstream: .socket(.raw(mysqlGreeting), "a MySQL server's greeting (non-HTTP bytes)"),
            misconfiguration: "ProxyPass to the database port",
            // The same page (\"Reason: Error reading from remote server\") as apache-proxypass-slow, but at once.
            expected: "upstream_invalid_response"
        ),
        RealServerLabCase(
            name: "apache-proxypass-ssh-banner",
            server: .apache(modules: ["proxy", "proxy_http"], config: proxyPass("")),
            upstream: .socket(.raw(Array("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".utf8)), "an SSH server's banner"),
            misconfiguration: "ProxyPass to port 22: Apache relays the banner as an HTTP/0.9 body with 200 OK",
            expected: "upstream_invalid_response",
            alternatives: ["non_http_response"]
        ),
        RealServerLabCase(
            name: "apache-response-header-too-big",
            server: .apache(modules: ["proxy", "proxy_http"], config: proxyPass("")),
            upstream: .socket(.hugeHeader(size: 16_384), "a backend sending a 16 KiB response header"),
            misconfiguration: "the backend's 16 KiB header is over ResponseFieldSize (8190)",
            expected: "upstream_invalid_response"
        ),
        RealServerLabCase(
            name: "apache-require-all-denied",
            server: .apache(
                modules: [],
                config: """
                    <Directory "{{dir}}/htdocs">
                        Require all denied
                    </Directory>
                    """
            ),
            misconfiguration: "Require all denied on the DocumentRoot (copied from the <Directory /> default)",
            expected: "access_denied_by_rule"
        ),
        RealServerLabCase(
            name: "apache-limit-request-body",
            server: .apache(modules: [], config: "LimitRequestBody 1048576"),
            misconfiguration: "LimitRequestBody 1048576 (1 MiB) for an upload of 2 MiB",
            request: RealServerLabRequest(
                path: "/index.html",
                flags: ["--data-binary", "@{{file:2097152}}", "-H", "Content-Type: application/octet-stream"]
            ),
            expected: "payload_too_large"
        ),
        RealServerLabCase(
            name: "apache-hardened-proxypass-down",
            server: .apache(modules: ["proxy", "proxy_http"], config: "ServerTokens Prod\nServerSignature Off\n" + proxyPass("")),
            upstream: .closedPort,
            misconfiguration: "hardened (ServerTokens Prod, ServerSignature Off) and ProxyPass to a backend that is down",
            expected: "upstream_unavailable"
        ),
        RealServerLabCase(
            name: "apache-hardened-require-ip",
            server: .apache(
                modules: ["authz_host"],
                config: """
                    ServerTokens Prod
                    ServerSignature Off
                    <Location "/admin">
                        Require ip 10.0.0.0/8
                    </Location>
                    """
            ),
            misconfiguration: "hardened, and /admin restricted to Require ip 10.0.0.0/8 (client not in it)",
            request: RealServerLabRequest(path: "/admin/"),
            expected: "access_denied_by_rule"
        ),
    ]

    // MARK: HAProxy

    static let haproxy: [RealServerLabCase] = [
        RealServerLabCase(
            name: "haproxy-backend-down",
            server: .haproxy(config: haproxyProxy("server app1 {{upstream}} check inter 1s")),
            upstream: .closedPort,
            misconfiguration: "backend server on a port nothing listens on",
            expected: "upstream_unavailable"
        ),
        RealServerLabCase(
            name: "haproxy-backend-slow",
            server: .haproxy(config: haproxyProxy("timeout server 1s\nserver app1 {{upstream}}")),
            upstream: .socket(.stall, "a backend that never answers"),
            misconfiguration: "timeout server 1s, shorter than the backend takes",
            expected: "upstream_timeout"
        ),
        RealServerLabCase(
            name: "haproxy-backend-not-http",
            server: .haproxy(config: haproxyProxy("server app1 {{upstream}}")),
            upstream: .socket(.raw(mysqlGreeting), "a MySQL server's greeting (non-HTTP bytes)"),
            misconfiguration: "backend server on the database port",
            expected: "upstream_invalid_response"
        ),
        RealServerLabCase(
            name: "haproxy-backend-header-too-big",
            server: .haproxy(config: haproxyProxy("server app1 {{upstream}}")),
            upstream: .socket(.hugeHeader(size: 16_384), "a backend sending a 16 KiB response header"),
            misconfiguration: "the backend's 16 KiB header does not fit tune.bufsize (16384)",
            expected: "upstream_invalid_response"
        ),
        RealServerLabCase(
            name: "haproxy-http-request-deny",
            server: .haproxy(
                config: haproxyProxy(
                    "server app1 {{upstream}}",
                    frontend: "acl internal src 10.0.0.0/8\nhttp-request deny if { path_beg /admin } !internal"
                )
            ),
            upstream: okBackend,
            misconfiguration: "http-request deny on /admin for clients outside 10.0.0.0/8",
            request: RealServerLabRequest(path: "/admin/"),
            expected: "access_denied_by_rule"
        ),
        RealServerLabCase(
            name: "haproxy-stick-table-429",
            server: .haproxy(
                config: haproxyProxy(
                    "server app1 {{upstream}}",
                    frontend: """
                        stick-table type ip size 100k expire 60s store http_req_rate(60s)
                            http-request track-sc0 src
                            http-request deny deny_status 429 if { sc_http_req_rate(0) gt 1 }
                        """
                )
            ),
            upstream: okBackend,
            misconfiguration: "stick-table rate limit of 1 request per minute per IP, second request",
            request: RealServerLabRequest(warmup: 1),
            expected: "rate_limited"
        ),
    ]

    // MARK: Varnish

    static let varnish: [RealServerLabCase] = [
        RealServerLabCase(
            name: "varnish-backend-down",
            server: .varnish(vcl: vcl(".connect_timeout = 1s;")),
            upstream: .closedPort,
            misconfiguration: "backend on a port nothing listens on (503 Backend fetch failed)",
            expected: "upstream_unavailable"
        ),
        RealServerLabCase(
            name: "varnish-backend-slow",
            server: .varnish(vcl: vcl(".first_byte_timeout = 1s;")),
            upstream: .socket(.stall, "a backend that never answers"),
            misconfiguration: "first_byte_timeout 1s, shorter than the backend takes (503 Backend fetch failed)",
            expected: "upstream_timeout",
            alternatives: ["upstream_unavailable"]
        ),
        RealServerLabCase(
            name: "varnish-backend-not-http",
            server: .varnish(vcl: vcl("")),
            upstream: .socket(.raw(mysqlGreeting), "a MySQL server's greeting (non-HTTP bytes)"),
            misconfiguration: "backend on the database port (503 Backend fetch failed)",
            expected: "upstream_invalid_response",
            alternatives: ["upstream_unavailable"]
        ),
    ]

    // MARK: App servers exposed directly

    static let appServers: [RealServerLabCase] = [
        RealServerLabCase(
            name: "gunicorn-bind-ipv4-only",
            server: .gunicorn(app: wsgiApp, options: []),
            misconfiguration: "gunicorn --bind 127.0.0.1:PORT (IPv4 only) behind a name with A and AAAA (KB 5)",
            request: RealServerLabRequest(target: .testDNS("v6.test")),
            expected: "ipv6_path_broken"
        ),
        RealServerLabCase(
            name: "gunicorn-bind-ipv4-only-resolve-flag",
            server: .gunicorn(app: wsgiApp, options: []),
            misconfiguration: "the same, with both addresses given by --resolve instead of DNS",
            request: RealServerLabRequest(target: .name("dual.lab.test"), flags: ["--resolve", "dual.lab.test:{{port}}:127.0.0.1,[::1]"]),
            expected: "ipv6_path_broken"
        ),
        RealServerLabCase(
            name: "gunicorn-limit-request-field-size",
            server: .gunicorn(app: wsgiApp, options: ["--limit-request-field_size", "1024"]),
            misconfiguration: "--limit-request-field_size 1024 and a 3 KB session cookie",
            request: RealServerLabRequest(flags: ["-H", "Cookie: session={{bytes:3000}}"]),
            expected: "request_headers_too_large",
            alternatives: ["bad_request"]
        ),
    ]

    // MARK: Config building blocks

    /// A backend that answers 200.
    static let okBackend = RealServerUpstream.socket(.text(200, "ok\n", headers: [("Content-Type", "text/plain")]), "a backend that answers 200")

    /// What a MySQL 8 server sends first: a protocol-10 handshake packet.
    static let mysqlGreeting: [UInt8] =
        [0x4a, 0x00, 0x00, 0x00, 0x0a] + Array("8.0.36".utf8) + [0x00, 0x0b, 0x00, 0x00, 0x00]
        + Array("4hL;C0%G".utf8) + [0x00, 0xff, 0xff, 0xff, 0x02, 0x00, 0xff, 0xdf, 0x15] + Array(repeating: 0, count: 10)
        + Array("xV~7>1Y/bAw+".utf8) + [0x00] + Array("caching_sha2_password".utf8) + [0x00]

    /// nginx: one server on the port proxying `location` to the upstream; `server` and
    /// `http` add directives at those levels.
    static func proxy(_ directives: String, location: String = "/", server: String = "", http: String = "") -> String {
        let indent = { (text: String, by: String) in text.split(separator: "\n").map { by + $0 }.joined(separator: "\n") + "\n" }
        return (http.isEmpty ? "" : http + "\n") + "server {\n    listen 127.0.0.1:{{port}};\n"
            + (server.isEmpty ? "" : indent(server, "    "))
            + "    location \(location) {\n        proxy_pass http://{{upstream}};\n"
            + (directives.isEmpty ? "" : indent(directives, "        "))
            + "    }\n}"
    }

    /// Apache: everything proxied to the upstream.
    static func proxyPass(_ parameters: String) -> String {
        """
        ProxyPass "/" "http://{{upstream}}/"\(parameters)
        ProxyPassReverse "/" "http://{{upstream}}/"
        """
    }

    /// HAProxy: one frontend on the port, one backend.
    static func haproxyProxy(_ backend: String, frontend: String = "") -> String {
        let indent = { (text: String) in
            text.split(separator: "\n").map { "    " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
        }
        return "frontend web\n    bind 127.0.0.1:{{port}}\n" + (frontend.isEmpty ? "" : indent(frontend))
            + "    default_backend app\nbackend app\n" + indent(backend)
    }

    /// Varnish: one backend, the upstream.
    static func vcl(_ settings: String) -> String {
        "vcl 4.1;\nbackend default {\n    .host = \"127.0.0.1\";\n    .port = \"{{upstream_port}}\";\n"
            + (settings.isEmpty ? "" : "    \(settings)\n") + "}\n"
    }

    /// A WSGI app: `/slow` is a report that takes 5 s, everything else answers 200.
    static let wsgiApp = """
        import time

        def application(environ, start_response):
            if environ.get("PATH_INFO") == "/slow":
                time.sleep(5)  # a slow report query
            body = b"ok\\n"
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]

        """

    /// An ASGI app: `/boom` raises (uvicorn answers 500), everything else answers 200.
    static let asgiApp = """
        async def app(scope, receive, send):
            if scope["path"] == "/boom":
                raise RuntimeError("database connection pool exhausted")
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"ok\\n"})

        """
}
