import Foundation
import HTTPDiagCore
import HTTPDiagLab

/// A child process run with posix_spawn and reaped with wait4: exit status, wall time
/// and the child's own peak resident set size (ru_maxrss), not the test process's.
public struct MeasuredRun: Sendable {
    public var status: Int32
    /// Set when the child was killed by a signal (a crash, or our hard deadline).
    public var signal: Int32?
    public var seconds: Double
    public var peakRSSBytes: Int
    public var stdout: String
    public var stderr: String
    public var killedAtDeadline: Bool

    public var peakRSSMB: Double { Double(peakRSSBytes) / (1024 * 1024) }
}

/// The `httpdiag` binary under test: $HTTPDIAG_BINARY, else .build/debug/httpdiag.
public var httpdiagBinary: String {
    ProcessInfo.processInfo.environment["HTTPDIAG_BINARY"] ?? repositoryRoot.appendingPathComponent(".build/debug/httpdiag").path
}

/// Runs `httpdiag arguments...`, stdout and stderr into files (never pipes: a child
/// blocked on a full pipe nobody reads would hang the test).
/// The child is killed with SIGKILL after `hardDeadline` seconds so a hang fails the
/// test instead of hanging it.
public func measuredCLI(_ arguments: [String], hardDeadline: Double = 60, extraEnvironment: [String: String] = [:]) throws -> MeasuredRun {
    let binary = try builtBinary()
    return try spawnMeasured(binary, arguments, hardDeadline: hardDeadline, extraEnvironment: extraEnvironment)
}

/// What a run of the built `httpdiag` printed, and its exit code (128 + the signal when
/// killed by one).
public struct CLIResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `httpdiag` binary (make test builds it first), optionally behind a
/// `prefix` command (`ip netns exec NS`, say), with `environment` instead of this process's.
public func runCLI(_ arguments: [String], prefix: [String] = [], environment: [String: String]? = nil) throws -> CLIResult {
    let binary = try builtBinary()
    let run =
        prefix.isEmpty
        ? try spawnMeasured(binary, arguments, environment: environment)
        : try spawnMeasured(prefix[0], Array(prefix.dropFirst()) + [binary] + arguments, environment: environment)
    return CLIResult(status: run.signal == nil ? run.status : 128 + (run.signal ?? 0), stdout: run.stdout, stderr: run.stderr)
}

/// Runs any program to its end; its exit status.
@discardableResult
public func runTool(_ path: String, _ args: [String]) throws -> Int32 {
    try spawnMeasured(path, args).status
}

private func builtBinary() throws -> String {
    let binary = httpdiagBinary
    guard FileManager.default.isExecutableFile(atPath: binary) else { throw TestSupportError("build httpdiag first: \(binary)") }
    return binary
}

/// Any program, run as `measuredCLI` runs httpdiag: posix_spawn and wait4, never
/// Foundation's Process.waitUntilExit, which was seen to hang when several children of
/// this test process ended at once (their exits were never noticed). `stdin`: a file.
public func spawnMeasured(
    _ binary: String,
    _ arguments: [String],
    hardDeadline: Double = 60,
    extraEnvironment: [String: String] = [:],
    environment: [String: String]? = nil,
    stdin: String = "/dev/null"
) throws -> MeasuredRun {
    let base = NSTemporaryDirectory() + "httpdiag-measured-\(UUID().uuidString)"
    defer {
        try? FileManager.default.removeItem(atPath: base + ".out")
        try? FileManager.default.removeItem(atPath: base + ".err")
    }

    var env = environment ?? ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in extraEnvironment { env[k] = v }
    // posix_spawn is vfork + exec, and Linux keeps the old mm's high-water mark (this
    // large test process's) in the child's ru_maxrss across exec: so the peak is read from
    // /proc/PID/status VmHWM (the exec'd image's own mm), polled every 2 ms until exit;
    // ru_maxrss stays as an upper bound.
    let started = MonotonicClock.now()
    let pid: pid_t
    switch spawnChild(binary, [binary] + arguments, environment: env, stdin: stdin, stdout: base + ".out", stderr: base + ".err") {
    case .success(let p): pid = p
    case .failure(let e): throw TestSupportError("\(binary): \(e)")
    }

    var status: Int32 = 0
    var usage = rusage()
    var killed = false
    var hwmKB = 0
    while true {
        // Until exec completes, /proc/PID is still this test process's image (Name:
        // httpdiagPackage...): count only samples of the httpdiag image itself.
        if let st = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            st.split(separator: "\n").first == "Name:\thttpdiag",
            let line = st.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        {
            hwmKB = max(hwmKB, kb)
        }
        let r = wait4(pid, &status, WNOHANG, &usage)
        if r == pid { break }
        if r < 0 && errno != EINTR { throw TestSupportError("wait4: errno \(errno)") }
        if !killed, (MonotonicClock.millisecondsSince(started) / 1000) > hardDeadline {
            kill(pid, SIGKILL)
            killed = true
        }
        usleep(2_000)
    }
    let seconds = (MonotonicClock.millisecondsSince(started) / 1000)
    let exited = (status & 0x7f) == 0
    let out = FileManager.default.contents(atPath: base + ".out") ?? Data()
    let err = FileManager.default.contents(atPath: base + ".err") ?? Data()
    return MeasuredRun(
        status: exited ? (status >> 8) & 0xff : -1,
        signal: exited ? nil : status & 0x7f,
        seconds: seconds,
        peakRSSBytes: (hwmKB > 0 ? hwmKB : Int(usage.ru_maxrss)) * 1024,  // kilobytes
        stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self),
        killedAtDeadline: killed
    )
}
