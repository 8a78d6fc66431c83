import Foundation
import HTTPDiagLab

/// One Debian server program (nginx, apache2, haproxy, varnishd, gunicorn, uvicorn) run
/// by a test in the foreground, from files the test wrote into its own temporary
/// directory, listening on a free loopback port.
///
/// It is started with posix_spawn through `setpriv --pdeathsig KILL`, so it dies with the
/// test process even on kill -9 (a program that must not run as root gets its user from
/// setpriv too: dropping privileges itself would clear the parent-death signal), as the
/// leader of its own process group, so that its workers (a gunicorn worker, varnishd's
/// cache child) stop with it: SIGTERM to the leader, SIGKILL to the group after a short
/// grace period, and `stop()` waits until no member of the group runs. Every command line
/// holds the temporary directory (prefix `httpdiag-realserver-`).
public final class RealServer: @unchecked Sendable {
    public let name: String
    public let port: Int
    public let directory: String
    public let pid: pid_t
    private let stopped = NSLock()
    private var isStopped = false
    /// The leader exited and was reaped: its pid may be reused, never signal it again.
    private var leaderReaped = false

    /// Prefix of every real server's temporary directory.
    static let directoryPrefix = "httpdiag-realserver-"

    /// A new temporary directory, world-readable (Apache serves it as www-data).
    static func makeDirectory(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + directoryPrefix + name + "-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return dir
    }

    /// Starts `executable arguments...` with stdout/stderr into `directory` and waits until
    /// 127.0.0.1:`port` accepts connections. Throws (with the program's own log) when the
    /// binary is missing, the program exits, or the port does not open within `timeout`.
    init(
        name: String,
        executable: String,
        arguments: [String],
        directory: String,
        port: Int,
        logs: [String] = [],
        user: RealServerUser? = nil,
        environment: [String: String] = [:],
        timeout: TimeInterval = 15
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError("\(name): \(executable) is not installed (scripts/install-deps.sh test installs it)")
        }
        self.name = name
        self.port = port
        self.directory = directory
        if let user { try user.own(directory) }
        pid = try Self.spawn(executable, arguments, directory: directory, user: user, environment: environment)
        Self.register(self)
        do {
            try waitUntilListening(timeout: timeout, logs: logs)
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Stops the whole process group and waits until nothing of it runs any more.
    public func stop() {
        stopped.lock()
        defer { stopped.unlock() }
        guard !isStopped else { return }
        isStopped = true
        Self.unregister(self)
        if !leaderReaped {
            kill(pid, SIGTERM)
            reapLeader(within: 1)  // grace: nginx, apache2 -X, haproxy, varnishd and gunicorn stop at once
        }
        let deadline = Date().addingTimeInterval(5)
        while !Self.runningMembers(ofGroup: pid).isEmpty && Date() < deadline {
            kill(-pid, SIGKILL)
            if !leaderReaped { reapLeader(within: 0.05) } else { usleep(10_000) }
        }
        if !leaderReaped { reapLeader(within: 1) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func reapLeader(within seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        repeat {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno == ECHILD) {
                leaderReaped = true
                return
            }
            usleep(5_000)
        } while Date() < deadline
    }

    /// Members of process group `group` that have not exited (zombies do not count: an
    /// orphaned worker is reaped by init, not by us).
    public static func runningMembers(ofGroup group: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> pid_t? in
            guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "(comm)": state ppid pgrp ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", fields[0] != "X", pid_t(fields[2]) == group else { return nil }
            return p
        }
    }

    /// The last lines of the program's stdout, stderr and its own log files.
    func logTail(_ logs: [String] = [], lines: Int = 15) -> String {
        (["stdout.log", "stderr.log"] + logs).compactMap { file -> String? in
            guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8), !text.isEmpty else { return nil }
            return "--- \(file):\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private func waitUntilListening(timeout: TimeInterval, logs: [String]) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if LabPorts.accepts(port: port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                stopped.lock()
                leaderReaped = true
                stopped.unlock()
                throw TestSupportError("\(name) exited with status \(status) before listening on 127.0.0.1:\(port)\n\(logTail(logs))")
            }
            usleep(20_000)
        }
        throw TestSupportError("\(name) did not listen on 127.0.0.1:\(port) within \(timeout) s\n\(logTail(logs))")
    }

    /// posix_spawn `setpriv --pdeathsig KILL executable arguments...` in a new process
    /// group, signals unblocked and at their defaults, stdin from /dev/null.
    private static func spawn(
        _ executable: String,
        _ arguments: [String],
        directory: String,
        user: RealServerUser?,
        environment: [String: String]
    ) throws -> pid_t {
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  // Debian's programs, not a pyenv shim
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        for (k, v) in environment { env[k] = v }
        let setpriv = "/usr/bin/setpriv"
        let drop = user.map { ["--reuid=\($0.uid)", "--regid=\($0.gid)", "--clear-groups"] } ?? []
        switch spawnChild(
            setpriv,
            [setpriv] + drop + ["--pdeathsig", "KILL", executable] + arguments,
            environment: env,
            stdout: directory + "/stdout.log",
            stderr: directory + "/stderr.log",
            fileMode: 0o644,
            newProcessGroup: true
        ) {
        case .success(let pid): return pid
        case .failure(let e): throw TestSupportError("\(executable): \(e)")
        }
    }

    // Servers still running when the test process exits are stopped by an atexit handler.
    nonisolated(unsafe) private static var running: [ObjectIdentifier: RealServer] = [:]
    private static let registry = NSLock()
    private static let atexitInstalled: Bool = {
        atexit { RealServer.stopAll() }
        return true
    }()

    private static func register(_ server: RealServer) {
        _ = atexitInstalled
        registry.lock()
        running[ObjectIdentifier(server)] = server
        registry.unlock()
    }

    private static func unregister(_ server: RealServer) {
        registry.lock()
        running[ObjectIdentifier(server)] = nil
        registry.unlock()
    }

    private static func stopAll() {
        registry.lock()
        let servers = Array(running.values)
        registry.unlock()
        for s in servers { s.stop() }
    }
}

/// The unprivileged user a server runs as when the tests run as root (Apache refuses root).
struct RealServerUser: Sendable {
    var uid: uid_t
    var gid: gid_t

    /// www-data (Debian's web server user), else nobody; nil when not root (nothing to drop).
    static var forWebServer: RealServerUser? {
        guard getuid() == 0 else { return nil }
        for name in ["www-data", "nobody"] {
            if let pw = getpwnam(name) { return RealServerUser(uid: pw.pointee.pw_uid, gid: pw.pointee.pw_gid) }
        }
        return nil
    }

    /// Gives the server's temporary directory (and what is in it) to this user.
    func own(_ directory: String) throws {
        let paths = [directory] + (FileManager.default.subpaths(atPath: directory) ?? []).map { directory + "/" + $0 }
        for path in paths where chown(path, uid, gid) != 0 {
            throw TestSupportError("chown \(path) to \(uid):\(gid): errno \(errno)")
        }
    }
}
