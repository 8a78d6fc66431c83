import CHTTPDiag
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one way the lab and the tests start a child process: posix_spawn (never
/// Foundation's Process, whose waitUntilExit was seen to hang when several children ended
/// at once), stdin from a file (/dev/null unless told), stdout and stderr into files (the
/// same file when they are equal), every signal unblocked and at its default (a child
/// spawned from a Dispatch worker would otherwise inherit its blocked mask, and SIGTERM
/// would stay pending forever), optionally in a process group of its own.
/// Returns the pid, or the posix_spawn error number.
public func spawnChild(
    _ executable: String,
    _ argv: [String],
    environment: [String: String],
    stdin: String = "/dev/null",
    stdout: String,
    stderr: String,
    fileMode: mode_t = 0o600,
    newProcessGroup: Bool = false
) -> Result<pid_t, SpawnError> {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, fileMode)
    if stderr == stdout {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, fileMode)
    }
    // Nothing else of ours: a child that inherited a listening socket of this process (a
    // test's loopback server) would keep that port open after we close it, and would
    // look like the owner of a port it never bound.
    hd_spawn_close_from(&actions, 3)

    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    posix_spawnattr_setsigdefault(&attr, &defaults)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    if newProcessGroup {
        posix_spawnattr_setpgroup(&attr, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attr, Int16(flags))

    let cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    let cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for p in cArgv { free(p) }
        for p in cEnv { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, &attr, cArgv, cEnv)
    return rc == 0 ? .success(pid) : .failure(SpawnError(code: rc))
}

public struct SpawnError: Error, CustomStringConvertible {
    public var code: Int32
    public var description: String { "posix_spawn: \(String(cString: strerror(code))) (\(code))" }
}

/// This process's environment, as `spawnChild` takes it.
public func currentEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        p += 1
    }
    return env
}

/// A server program (openssl s_server, dnsmasq) run through `setpriv --pdeathsig KILL`,
/// so it dies with its parent even on kill -9, output discarded; stopped by its pid
/// (SIGKILL, then reaped) when asked or when the value goes away.
public final class LabProcess: Sendable {
    public let pid: pid_t
    /// Exited and reaped: its pid may be reused, never signal it again.
    private let reaped = Mutex(false)

    public init(_ executable: String, _ arguments: [String]) throws {
        let setpriv = "/usr/bin/setpriv"
        switch spawnChild(
            setpriv,
            [setpriv, "--pdeathsig", "KILL", executable] + arguments,
            environment: currentEnvironment(),
            stdout: "/dev/null",
            stderr: "/dev/null"
        ) {
        case .success(let p): pid = p
        case .failure(let e): throw LabError("\(executable): \(e)")
        }
    }

    /// False once the program has exited (it is reaped then, and its pid never signalled again).
    public var isRunning: Bool {
        reaped.withLock { reaped in
            if reaped { return false }
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno == ECHILD) { reaped = true }
            return !reaped
        }
    }

    /// SIGKILL (a SIGTERM could stay pending in a child that inherited a blocked mask),
    /// then waits until it is reaped.
    public func stop() {
        reaped.withLock { reaped in
            guard !reaped else { return }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
        }
    }

    deinit { stop() }

    /// PR_SET_PDEATHSIG (setpriv --pdeathsig) fires when the *thread* that spawned the
    /// child exits, not the process, and tests run on pool threads that are retired when
    /// idle: a child that outlives the code starting it (dnsmasq, shared by the test suites)
    /// was killed mid-run. Such a child is spawned from a thread that never exits.
    public static func fromLongLivedThread(_ executable: String, _ arguments: [String]) throws -> LabProcess {
        final class Started: Sendable { let result = Mutex<Result<LabProcess, any Error>?>(nil) }
        let started = Started()
        Thread.detach {
            let r = Result { try LabProcess(executable, arguments) }
            started.result.withLock { $0 = r }
            while true { sleep(3600) }
        }
        while true {
            if let r = started.result.withLock({ $0 }) { return try r.get() }
            usleep(1_000)
        }
    }
}
