import Foundation

/// How each Debian server product is started by a test: the boilerplate that keeps it in
/// the foreground, on loopback, with every pid, log, socket and temp path inside its own
/// temporary directory, around the operator's part of the config (the case's template).
///
/// Templates name their ports with placeholders: `{{port}}` (where the server listens),
/// `{{upstream}}` (`127.0.0.1:PORT` of what is behind it), `{{upstream_port}}`, `{{dir}}`.
public enum RealServers {
    struct Placeholders {
        var port: Int
        var upstreamPort: Int?
        var dir: String

        func apply(_ template: String) -> String {
            var text = template.replacingOccurrences(of: "{{port}}", with: String(port))
                .replacingOccurrences(of: "{{dir}}", with: dir)
            if let upstreamPort {
                text = text.replacingOccurrences(of: "{{upstream}}", with: "127.0.0.1:\(upstreamPort)")
                    .replacingOccurrences(of: "{{upstream_port}}", with: String(upstreamPort))
            }
            precondition(!text.contains("{{"), "unfilled placeholder in a real-server template:\n\(text)")
            return text
        }
    }

    /// nginx, one process (`master_process off`), `daemon off`; `http` is the inside of the
    /// `http {}` block (the operator's `server {}` blocks and http-level directives).
    public static func nginx(http: String, port: Int, upstreamPort: Int?) throws -> RealServer {
        let dir = try RealServer.makeDirectory("nginx")
        let p = Placeholders(port: port, upstreamPort: upstreamPort, dir: dir)
        let conf = """
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log info;
            events { worker_connections 128; }
            http {
                access_log \(dir)/access.log;
                client_body_temp_path \(dir)/client_body_temp;
                proxy_temp_path \(dir)/proxy_temp;
                fastcgi_temp_path \(dir)/fastcgi_temp;
                uwsgi_temp_path \(dir)/uwsgi_temp;
                scgi_temp_path \(dir)/scgi_temp;
            \(p.apply(http))
            }

            """
        try conf.write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
        return try RealServer(
            name: "nginx",
            executable: "/usr/sbin/nginx",
            arguments: [
                "-e", dir + "/error.log", "-p", dir + "/", "-c", dir + "/nginx.conf",
                "-g", "daemon off; master_process off;",
            ],
            directory: dir,
            port: port,
            logs: ["error.log"]
        )
    }

    /// Apache httpd in one process (`-X -DFOREGROUND`) with its own minimal config: only
    /// `modules` (names as in `mod_<name>.so`, besides mpm_event and authz_core) are loaded
    /// from /usr/lib/apache2/modules. As root it is started as www-data (Apache refuses to
    /// serve as root, and would clear its parent-death signal dropping privileges itself).
    public static func apache(config: String, modules: [String], port: Int, upstreamPort: Int?) throws -> RealServer {
        let dir = try RealServer.makeDirectory("apache2")
        let p = Placeholders(port: port, upstreamPort: upstreamPort, dir: dir)
        try FileManager.default.createDirectory(
            atPath: dir + "/htdocs",
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755]
        )
        try "<html><body><h1>It works!</h1></body></html>\n".write(toFile: dir + "/htdocs/index.html", atomically: true, encoding: .utf8)
        let loads = (["mpm_event", "authz_core"] + modules).map {
            "LoadModule \($0)_module /usr/lib/apache2/modules/mod_\($0).so"
        }.joined(separator: "\n")
        let conf = """
            ServerRoot \(dir)
            Listen 127.0.0.1:\(port)
            \(loads)
            ServerName localhost
            PidFile \(dir)/httpd.pid
            ErrorLog \(dir)/error.log
            LogLevel warn
            DefaultRuntimeDir \(dir)
            Mutex file:\(dir) default
            DocumentRoot \(dir)/htdocs
            \(p.apply(config))

            """
        try conf.write(toFile: dir + "/httpd.conf", atomically: true, encoding: .utf8)
        return try RealServer(
            name: "apache2",
            executable: "/usr/sbin/apache2",
            arguments: ["-X", "-DFOREGROUND", "-d", dir, "-f", dir + "/httpd.conf"],
            directory: dir,
            port: port,
            logs: ["error.log"],
            user: .forWebServer
        )
    }

    /// HAProxy in the foreground (`-db`); `config` holds the operator's frontends and backends
    /// after a `defaults` section in HTTP mode with short timeouts.
    public static func haproxy(config: String, port: Int, upstreamPort: Int?) throws -> RealServer {
        let dir = try RealServer.makeDirectory("haproxy")
        let p = Placeholders(port: port, upstreamPort: upstreamPort, dir: dir)
        let conf = """
            global
                pidfile \(dir)/haproxy.pid
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            \(p.apply(config))

            """
        try conf.write(toFile: dir + "/haproxy.cfg", atomically: true, encoding: .utf8)
        return try RealServer(
            name: "haproxy",
            executable: "/usr/sbin/haproxy",
            arguments: ["-db", "-f", dir + "/haproxy.cfg"],
            directory: dir,
            port: port
        )
    }

    /// varnishd in the foreground (`-F`) with its working directory (`-n`) in the temporary
    /// directory, no jail (`-j none`: stays root, keeps the parent-death signal), no
    /// management port (`-T none`), 16 MB of malloc storage and a small thread pool.
    public static func varnish(vcl: String, port: Int, upstreamPort: Int?) throws -> RealServer {
        let dir = try RealServer.makeDirectory("varnish")
        let p = Placeholders(port: port, upstreamPort: upstreamPort, dir: dir)
        try p.apply(vcl).write(toFile: dir + "/default.vcl", atomically: true, encoding: .utf8)
        return try RealServer(
            name: "varnishd",
            executable: "/usr/sbin/varnishd",
            arguments: [
                "-F", "-j", "none", "-n", dir + "/varnish", "-a", "127.0.0.1:\(port)",
                "-f", dir + "/default.vcl", "-s", "malloc,16m", "-T", "none",
                "-p", "thread_pools=1", "-p", "thread_pool_min=5", "-p", "thread_pool_max=50",
            ],
            directory: dir,
            port: port
        )
    }

    /// gunicorn (Debian's python3-gunicorn) serving `app.py` (a WSGI `application`) written
    /// into the temporary directory; `options` are the operator's command-line settings.
    public static func gunicorn(app: String, options: [String], port: Int) throws -> RealServer {
        try pythonAppServer("gunicorn", app: app, port: port) { dir in
            ["--chdir", dir, "--bind", "127.0.0.1:\(port)", "--workers", "1", "--worker-tmp-dir", dir, "--graceful-timeout", "1"]
                + options + ["app:application"]
        }
    }

    /// uvicorn (Debian's python3-uvicorn) serving `app.py` (an ASGI `app`).
    public static func uvicorn(app: String, options: [String], port: Int) throws -> RealServer {
        try pythonAppServer("uvicorn", app: app, port: port) { dir in
            ["--app-dir", dir, "--host", "127.0.0.1", "--port", String(port), "--no-access-log"] + options + ["app:app"]
        }
    }

    /// `python3 -m module arguments(dir)...` with `app` written to `dir/app.py`. Debian's
    /// python3 runs the app servers: their module (Debian's python3-`module`) must be
    /// installed for it.
    private static func pythonAppServer(_ module: String, app: String, port: Int, arguments: (String) -> [String]) throws -> RealServer {
        guard FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/\(module)") else {
            throw TestSupportError("\(module): python3-\(module) is not installed (scripts/install-deps.sh test installs it)")
        }
        let dir = try RealServer.makeDirectory(module)
        try app.write(toFile: dir + "/app.py", atomically: true, encoding: .utf8)
        return try RealServer(
            name: module,
            executable: "/usr/bin/python3",
            arguments: ["-m", module] + arguments(dir),
            directory: dir,
            port: port
        )
    }
}
