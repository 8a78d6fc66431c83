import Foundation
import HTTPDiagFleet
import HTTPDiagLab
import HTTPDiagTestSupport
import Synchronization
import Testing

@testable import HTTPDiagCore

/// `httpdiag run` end to end: exit codes, quiet output, JSON, the lock, and a state that
/// survives `kill -9` in the middle of a run.
@Suite("httpdiag run", .serialized)
struct RunCommandTests {
    func config(_ endpoints: [(String, String)]) throws -> String { try fleetDirectory("run", endpoints) }

    @Test func exitCodeIsTheWorstVerdictAndQuietPrintsOnlyChanges() throws {
        let server = try LabServer { r in r.path == "/down" ? .text(503, "down") : .text(200, "ok") }
        let dir = try config([("up", server.baseURL + "/up"), ("down", server.baseURL + "/down")])
        let args = ["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite"]
        let first = try runCLI(args)
        #expect(first.status == 2)
        #expect(first.stdout.contains("OK       up"))
        #expect(first.stdout.contains("CRITICAL down"))
        #expect(first.stdout.contains("incident 1 opened: down"))
        let quiet = try runCLI(args + ["--quiet"])
        #expect(quiet.status == 2)
        #expect(quiet.stdout.isEmpty, "quiet run with no change printed: \(quiet.stdout)")
        let json = try runCLI(args + ["--format", "json", "--only", "up"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"schema\" : \"httpdiag.run/v1\""))
        let incidents = try runCLI(["incidents", "--open", "--state", dir + "/state.sqlite"])
        #expect(incidents.stdout.contains("OPEN") && incidents.stdout.contains("down"))
        let history = try runCLI(["history", "down", "--state", dir + "/state.sqlite"])
        #expect(history.stdout.split(separator: "\n").count == 2)
    }

    @Test func secondRunWaitsForTheLockThenExitsThree() throws {
        let server = try LabServer { _ in .drip(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8), intervalMs: 40) }
        let dir = try config([("slow", server.baseURL + "/")])
        let args = ["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite"]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: httpdiagBinary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        usleep(400_000)  // the first run holds the lock while it drips
        let second = try runCLI(args + ["--wait-lock", "0.2"])
        #expect(second.status == 3)
        #expect(second.stderr.contains("another httpdiag run (pid \(p.processIdentifier)) holds \(dir)/state.sqlite.lock; waited 0.2 s"))
        for _ in 0..<500 where p.isRunning { usleep(10_000) }
        #expect(try runCLI(args + ["--wait-lock", "5"]).status == 0)
    }

    @Test func stateSurvivesKillDashNineMidRun() throws {
        let fast = try LabServer { _ in .text(500, "boom") }
        let slow = try LabServer { _ in .stall }
        let dir = try config([("a", fast.baseURL + "/")])
        let state = dir + "/state.sqlite"
        #expect(try runCLI(["run", "--config", dir + "/config.json", "--state", state]).status == 2)
        // Second run: 20 stalled endpoints, killed while they are in flight.
        let stalled = try config((0..<20).map { ("s\($0)", slow.baseURL + "/\($0)") } + [("a", fast.baseURL + "/")])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: httpdiagBinary)
        p.arguments = ["run", "--config", stalled + "/config.json", "--state", state, "--concurrency", "4"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        usleep(700_000)
        kill(p.processIdentifier, SIGKILL)
        for _ in 0..<300 where p.isRunning { usleep(10_000) }
        let store = try StateStore(path: state)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.history(endpoint: "a", limit: 10).count == 1)
        #expect(try store.incidents(openOnly: true).map(\.endpoint) == ["a"])
        // The kernel released the dead run's lock: the next run proceeds and updates the incident.
        let third = try runCLI(["run", "--config", dir + "/config.json", "--state", state, "--wait-lock", "2"])
        #expect(third.status == 2)
        #expect(try store.incidents(openOnly: true).first?.count == 2)
    }

    /// Secrets sent by a fleet run appear in none of its outputs: stdout, stderr, the
    /// SQLite files (database and WAL, read as raw bytes), incident reports, the textfile,
    /// webhook payloads.
    @Test func fleetOutputsCarryNoSecrets() throws {
        let secrets = ["fleet-bearer-SECRET-1", "fleet-cookie-SECRET-2", "fleet-query-SECRET-3", "fleet-pass-SECRET-4", "fleet-body-SECRET-5"]
        let echo = try LabServer { _ in .echo }
        let hooks = Mutex<[String]>([])
        let receiver = try LabServer { _ in
            .custom { r in
                hooks.withLock { $0.append(String(decoding: r.body, as: UTF8.self)) }
                return .text(200, "ok")
            }
        }
        let dir = try makeTemporaryDirectory("fleet-secrets")
        let config = """
            {"endpoints": [{"name": "echo", "url": "http://user:\(secrets[3])@127.0.0.1:\(echo.port)/x?token=\(secrets[2])",
              "method": "POST", "headers": {"Authorization": "Bearer ${FLEET_TOKEN}", "Cookie": "sid=\(secrets[1])", "Content-Type": "application/json"},
              "body": "{\\"password\\": \\"\(secrets[4])\\"}", "expect": {"status": [201]}}]}
            """
        try config.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["FLEET_TOKEN"] = secrets[0]
        let r = try runCLI(
            [
                "run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--report-dir", dir + "/reports",
                "--prometheus", dir + "/m.prom", "--notify-webhook", receiver.baseURL + "/hook",
            ],
            environment: env
        )
        #expect(r.status == 2)  // 200 is not the expected 201: an incident opens
        var blobs: [(String, String)] = [("stdout", r.stdout), ("stderr", r.stderr)]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir) where !name.hasSuffix("config.json") {
            if let data = FileManager.default.contents(atPath: dir + "/" + name) { blobs.append((name, String(decoding: data, as: UTF8.self))) }
        }
        blobs += hooks.withLock { $0 }.map { ("webhook", $0) }
        #expect(blobs.contains { $0.0.hasPrefix("reports/") }, "no incident report was written")
        #expect(blobs.contains { $0.0 == "webhook" }, "no webhook was sent")
        #expect(blobs.contains { $0.0 == "state.sqlite" || $0.0 == "state.sqlite-wal" })
        // Not vacuous: the report quotes the echoed request, with the secrets replaced.
        #expect(blobs.contains { $0.0.hasPrefix("reports/") && $0.1.contains("Bearer <redacted:\(secrets[0].count) chars>") })
        for (name, text) in blobs {
            for secret in secrets { #expect(!text.contains(secret), "\(secret) leaked into \(name)") }
        }
    }
}

/// A new temporary directory with `config.json`: the endpoints (name, url), each with
/// `timeout_s`.
func fleetDirectory(_ prefix: String, _ endpoints: [(String, String)], timeoutS: Double = 10) throws -> String {
    let dir = try makeTemporaryDirectory(prefix)
    let list = endpoints.map { "{\"name\": \"\($0.0)\", \"url\": \"\($0.1)\", \"timeout_s\": \(timeoutS)}" }.joined(separator: ",\n")
    try "{\"endpoints\": [\n\(list)\n]}".write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
    return dir
}

// MARK: - Issue 9: outbox, webhooks, signals, the state file, temp files, the lock, memory

/// A tmpfs mounted (as root) for one test, so a full or read-only file system is a real one.
final class Tmpfs {
    let path: String
    init(size: String) throws {
        path = NSTemporaryDirectory() + "tmpfs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let r = try spawnMeasured("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path], hardDeadline: 10)
        try #require(r.status == 0, "mount -t tmpfs needs root: \(r.stderr)")
    }
    /// Fills the file system to the last byte.
    func fill() {
        let fd = open(path + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let chunk = [UInt8](repeating: 0x41, count: 4096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        let byte: [UInt8] = [0x41]
        while byte.withUnsafeBytes({ write(fd, $0.baseAddress, 1) }) > 0 {}
        close(fd)
    }
    func unfill() { unlink(path + "/filler") }
    func remount(readOnly: Bool) throws {
        let r = try spawnMeasured("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path], hardDeadline: 10)
        try #require(r.status == 0, "remount: \(r.stderr)")
    }
    deinit {
        _ = try? spawnMeasured("/bin/umount", ["-l", path], hardDeadline: 10)
        rmdir(path)
    }
}

/// httpdiag started in the background (posix_spawn, as spawnMeasured does), so a test can
/// signal it, and reaped with wait4.
struct Background {
    let pid: pid_t
    let out: String
    let err: String
    let started = Date()

    init(_ arguments: [String]) throws {
        let base = NSTemporaryDirectory() + "httpdiag-bg-\(UUID().uuidString)"
        out = base + ".out"
        err = base + ".err"
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        switch spawnChild(httpdiagBinary, [httpdiagBinary] + arguments, environment: env, stdout: out, stderr: err) {
        case .success(let pid): self.pid = pid
        case .failure(let e): throw TestSupportError("\(e)")
        }
    }

    func signal(_ sig: Int32) { kill(pid, sig) }

    /// Waits for the exit (SIGKILL at `deadline` seconds): the exit code (128 + signal when
    /// killed by one), the seconds since the start, stdout, stderr.
    func wait(deadline: Double = 30) -> (status: Int32, seconds: Double, stdout: String, stderr: String, killedBySignal: Bool) {
        var status: Int32 = 0
        var killed = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if !killed && Date().timeIntervalSince(started) > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        defer {
            unlink(out)
            unlink(err)
        }
        return (
            code, seconds, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            (status & 0x7f) != 0
        )
    }
}

/// A value shared with a server's threads.
final class Shared<T: Sendable>: Sendable {
    let mutex: Mutex<T>
    init(_ value: T) { mutex = Mutex(value) }
    func with<R>(_ body: (inout T) -> R) -> R { mutex.withLock { body(&$0) } }
}

/// A loopback origin that counts its requests.
final class CountingOrigin: Sendable {
    let hits = Shared(0)
    let server: LabServer
    init(_ behavior: @escaping @Sendable (LabRequest) -> LabBehavior = { _ in .text(500, "boom") }) throws {
        let hits = self.hits
        server = try LabServer { _ in
            .custom { r in
                hits.with { $0 += 1 }
                return behavior(r)
            }
        }
    }
    var count: Int { hits.with { $0 } }
    var baseURL: String { server.baseURL }
}

/// A loopback webhook receiver: records every body; answers `status()` (or stalls).
final class HookReceiver: Sendable {
    let bodies = Shared<[String]>([])
    let answer: Shared<LabBehavior>
    let server: LabServer
    init(_ answer: LabBehavior) throws {
        let bodies = self.bodies
        let a = Shared(answer)
        self.answer = a
        server = try LabServer { _ in
            .custom { r in
                bodies.with { $0.append(String(decoding: r.body, as: UTF8.self)) }
                return a.with { $0 }
            }
        }
    }
    func set(_ b: LabBehavior) { answer.with { $0 = b } }
    var received: [String] { bodies.with { $0 } }
    var url: String { server.baseURL + "/hook" }
}

@Suite("httpdiag run: outputs, signals and the state file (issue 9)", .serialized)
struct RunHardeningTests {
    func fleet(_ endpoints: [(String, String)], timeoutS: Double = 10) throws -> String {
        try fleetDirectory("harden", endpoints, timeoutS: timeoutS)
    }

    /// §3: a full report disk and a failing webhook neither stop the textfile nor lose the
    /// notification: both stay in the outbox and the next run (incident now ongoing) delivers them.
    @Test func outboxDeliversEveryOutputAndRetriesWhatFailedOnTheNextRun() throws {
        let origin = try CountingOrigin()
        let hook = try HookReceiver(.text(500, "hook down"))
        let reports = try Tmpfs(size: "64k")
        reports.fill()
        let dir = try fleet([("pay", origin.baseURL + "/pay")])
        let args = [
            "run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--report-dir", reports.path + "/r",
            "--prometheus", dir + "/m.prom", "--notify-webhook", hook.url,
        ]
        let first = try runCLI(args)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stdout.contains("incident 1 opened: pay"))
        #expect(first.stderr.contains("no space left on device"), "\(first.stderr)")
        #expect(!first.stderr.contains("Error Domain") && !first.stderr.contains("couldn’t be completed"))
        #expect(FileManager.default.fileExists(atPath: dir + "/m.prom"), "the textfile was skipped after the report failed")
        #expect(hook.received.count >= 1, "the webhook was never tried after the report failed")
        #expect(!FileManager.default.fileExists(atPath: reports.path + "/r/pay-incident-1.md"))

        reports.unfill()
        hook.set(.text(200, "ok"))
        let second = try runCLI(args)
        #expect(second.status == 2, "\(second.stderr)")
        #expect(!second.stdout.contains("opened"), "the incident is ongoing: \(second.stdout)")
        let report = (try? String(contentsOfFile: reports.path + "/r/pay-incident-1.md", encoding: .utf8)) ?? ""
        #expect(report.contains("Incident 1 of `pay`"), "the report was not retried: \(second.stderr)")
        let delivered = hook.received.filter { $0.contains("\"event\":\"opened\"") }
        #expect(delivered.count >= 2, "the opening was never notified: \(hook.received)")
        // Delivered once: a third run sends nothing more.
        let before = hook.received.count
        _ = try runCLI(args)
        #expect(hook.received.count == before)
    }

    /// §3: names become file names: a 250-character name is a located config error.
    @Test func anEndpointNameTooLongForAFileNameIsALocatedConfigError() throws {
        let dir = try fleet([("ok", "http://127.0.0.1:9/"), (String(repeating: "n", count: 250), "http://127.0.0.1:9/")])
        let r = try runCLI(["run", "--config", dir + "/config.json", "--no-state"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("\(dir)/config.json:3: endpoints[1].name: expected a name of at most 128 bytes"), "\(r.stderr)")
    }

    /// §4: 12 openings to a webhook that never answers cost one deadline in all (3 s here;
    /// before: 12 × 15.75 s, one after another, lock held), and the lock is free while
    /// they are attempted.
    @Test func webhooksAreConcurrentUnderOneDeadlineAndOutsideTheLock() throws {
        let origin = try CountingOrigin()
        let hook = try HookReceiver(.stall)
        let dir = try fleet((0..<12).map { ("e\($0)", origin.baseURL + "/\($0)") })
        let state = dir + "/state.sqlite"
        let run = try Background([
            "run", "--config", dir + "/config.json", "--state", state, "--notify-webhook", hook.url,
            "--webhook-deadline", "3",
        ])
        // Once the webhook is being attempted, another run must get the lock at once.
        for _ in 0..<1000 where hook.received.isEmpty { usleep(10_000) }
        #expect(!hook.received.isEmpty, "no webhook attempt within 10 s")
        let other = try runCLI(["run", "--config", dir + "/config.json", "--state", state, "--wait-lock", "0", "--only", "e0"])
        #expect(!other.stderr.contains("another httpdiag run"), "the lock is held during webhook delivery: \(other.stderr)")
        let r = run.wait(deadline: 60)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.seconds < 8, "webhooks took \(r.seconds) s")
        // 8 at once, each attempt cut to the 3 s left: the 4 others wait for the next run.
        #expect(hook.received.count >= 8, "deliveries were not concurrent: \(hook.received.count) in 3 s")
        #expect(r.stderr.contains("no answer after 1 attempt(s)); kept in the outbox"), "\(r.stderr)")
        #expect(r.stderr.contains("not tried before the 3 s deadline (--webhook-deadline)); kept in the outbox"), "\(r.stderr)")
        print("webhook: 12 openings to a stalled webhook took the run \(String(format: "%.1f", r.seconds)) s")
        // The receiver is back: the next run delivers all 12 openings, once each.
        hook.set(.text(200, "ok"))
        let before = hook.received.count
        #expect(try runCLI(["run", "--config", dir + "/config.json", "--state", state, "--notify-webhook", hook.url]).status == 2)
        let ids = Set(hook.received.dropFirst(before).compactMap { $0.firstMatch(of: /"incident_id":(\d+)/).map { String($0.1) } })
        #expect(ids.count == 12 && hook.received.count - before == 12, "\(hook.received.dropFirst(before))")
    }

    /// §7: SIGTERM mid-run: probes in flight finish within the grace period, what finished
    /// is committed (results, incidents, textfile), the run is marked interrupted, exit 143.
    @Test func sigtermCommitsWhatFinishedAndExits143() throws {
        let fast = try CountingOrigin()
        let slow = try LabServer { _ in .stall }
        let dir = try fleet(
            (0..<3).map { ("f\($0)", fast.baseURL + "/\($0)") } + (0..<10).map { ("s\($0)", slow.baseURL + "/\($0)") },
            timeoutS: 2.5
        )
        let state = dir + "/state.sqlite"
        let run = try Background([
            "run", "--config", dir + "/config.json", "--state", state, "--concurrency", "5",
            "--prometheus", dir + "/m.prom",
        ])
        usleep(1_000_000)
        run.signal(SIGTERM)
        let r = run.wait(deadline: 20)
        #expect(r.status == 143 && !r.killedBySignal, "\(r.stderr)")
        #expect(r.seconds < 6, "took \(r.seconds) s")
        #expect(r.stderr.contains("interrupted by SIGTERM: 8 of 13 endpoint(s) probed and recorded"), "\(r.stderr)")
        #expect(r.stdout.contains("CRITICAL f0"))
        let store = try StateStore.openForReading(path: state)
        #expect(try store.history(endpoint: "f0", limit: 5).count == 1)
        #expect(try store.history(endpoint: "s4", limit: 5).count == 1, "a probe in flight was not allowed to finish")
        #expect(try store.history(endpoint: "s9", limit: 5).isEmpty)
        #expect(try store.incidents(openOnly: true).count == 8)
        let runs = try store.runs()
        #expect(runs.first?.status == "interrupted" && runs.first?.signal == "SIGTERM" && runs.first?.probed == 8)
        let prom = (try? String(contentsOfFile: dir + "/m.prom", encoding: .utf8)) ?? ""
        #expect(prom.contains("probe_success{endpoint=\"f0\"} 0") && !prom.contains("\"s9\""))
    }

    /// §7: a second SIGINT ends the grace period at once: exit 130 with what finished.
    @Test func secondSigintAbandonsTheProbesInFlightAndExits130() throws {
        let fast = try CountingOrigin()
        let slow = try LabServer { _ in .stall }
        let dir = try fleet([("f0", fast.baseURL + "/")] + (0..<4).map { ("s\($0)", slow.baseURL + "/\($0)") })
        let state = dir + "/state.sqlite"
        let run = try Background(["run", "--config", dir + "/config.json", "--state", state])
        usleep(800_000)
        run.signal(SIGINT)
        usleep(300_000)
        run.signal(SIGINT)
        let r = run.wait(deadline: 20)
        #expect(r.status == 130 && !r.killedBySignal, "\(r.stderr)")
        #expect(r.seconds < 3, "took \(r.seconds) s")
        #expect(r.stderr.contains("interrupted by SIGINT: 1 of 5 endpoint(s) probed and recorded, 4 still in flight"), "\(r.stderr)")
        let store = try StateStore.openForReading(path: state)
        #expect(try store.history(endpoint: "f0", limit: 5).count == 1)
        #expect(try store.runs().first?.status == "interrupted")
    }

    enum Damage: String, CaseIterable, Sendable { case corrupt, notSQLite, newerSchema, readOnly, full }

    /// §8: the state file is checked before any probe: the origin sees no request, and the
    /// error names the file and what to do.
    @Test(arguments: Damage.allCases)
    func aBadStateFileIsRefusedBeforeProbing(_ damage: Damage) throws {
        let origin = try CountingOrigin()
        let fs = try Tmpfs(size: "2m")
        let dir = try fleet([("a", origin.baseURL + "/")])
        let state = fs.path + "/state.sqlite"
        let args = ["run", "--config", dir + "/config.json", "--state", state]
        #expect(try runCLI(args).status == 2)
        let hits = origin.count
        var expected: [String]
        switch damage {
        case .corrupt:
            let fd = open(state, O_WRONLY)
            let junk = [UInt8](repeating: 0xA5, count: 4096)
            _ = junk.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096 - 100, 100) }  // page 1 after the header
            _ = junk.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, 4096) }
            close(fd)
            expected = ["state file \(state) is damaged", "mv \(state) \(state).damaged"]
        case .notSQLite:
            try "not a database\n".write(toFile: state, atomically: false, encoding: .utf8)
            expected = ["state file \(state) is not an httpdiag state file", "point --state at another file"]
        case .newerSchema:
            let fd = open(state, O_WRONLY)
            let version: [UInt8] = [0, 0, 0, 99]  // PRAGMA user_version lives at offset 60, big-endian
            _ = version.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4, 60) }
            close(fd)
            expected = [
                "state file \(state) was written by a newer httpdiag (state schema 99", "run the newer httpdiag, or point --state at another file",
            ]
        case .readOnly:
            try fs.remount(readOnly: true)
            expected = ["state file \(state) cannot be written: it is read-only", "--no-state"]
        case .full:
            fs.fill()
            expected = [
                "state file \(state) cannot be written: its file system has", "no space left on device", "point --state at another file system",
            ]
        }
        let r = try runCLI(args)
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(origin.count == hits, "probed before checking the state file")
        for text in expected { #expect(r.stderr.contains(text), "\(damage): \(r.stderr)") }
    }

    /// §9: a textfile that cannot be written leaves no `*.prom.tmp.PID`, no stale `.prom`,
    /// and says what failed in words.
    @Test func aFailedTextfileWriteLeavesNoTempFileAndNoStaleMetrics() throws {
        let origin = try CountingOrigin { _ in .text(200, "ok") }
        let fs = try Tmpfs(size: "64k")
        let dir = try fleet((0..<40).map { ("endpoint-with-a-long-name-\($0)", origin.baseURL + "/\($0)") })
        let prom = fs.path + "/httpdiag.prom"
        let args = ["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--prometheus", prom]
        #expect(try runCLI(args).status == 0)
        #expect(FileManager.default.fileExists(atPath: prom))
        fs.fill()  // the previous textfile stays: it must not be left looking current
        let r = try runCLI(args)
        let left = try FileManager.default.contentsOfDirectory(atPath: fs.path).filter { $0.contains(".tmp") }
        #expect(left.isEmpty, "temporary files left: \(left)")
        #expect(!FileManager.default.fileExists(atPath: prom), "a stale textfile is left looking current")
        #expect(r.stderr.contains("--prometheus \(prom): cannot write the temporary file \(prom).tmp."), "\(r.stderr)")
        #expect(r.stderr.contains("no space left on device (ENOSPC)"), "\(r.stderr)")
        #expect(!r.stderr.contains("Error Domain") && !r.stderr.contains("NSCocoaErrorDomain"), "\(r.stderr)")
    }

    /// §13: the lock is keyed on the real path: a run through a symlink to the state file
    /// waits for the run on the file itself.
    @Test func aSymlinkToTheStateFileSharesItsLock() throws {
        let slow = try LabServer { _ in .drip(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8), intervalMs: 40) }
        let fast = try CountingOrigin { _ in .text(200, "ok") }
        let dir = try fleet([("slow", slow.baseURL + "/"), ("fast", fast.baseURL + "/")])
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        let real = dir + "/real/state.sqlite"
        #expect(try runCLI(["run", "--config", dir + "/config.json", "--state", real, "--only", "fast"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/alias.sqlite", withDestinationPath: real)
        let first = try Background(["run", "--config", dir + "/config.json", "--state", real, "--only", "slow"])
        usleep(500_000)
        let second = try runCLI(["run", "--config", dir + "/config.json", "--state", dir + "/alias.sqlite", "--only", "fast", "--wait-lock", "0.2"])
        #expect(second.status == 3, "ran concurrently through the alias: \(second.stdout)")
        #expect(second.stderr.contains("another httpdiag run (pid \(first.pid)) holds \(real).lock"), "\(second.stderr)")
        _ = first.wait()
    }

    /// §13: lock errors name the errno in words.
    @Test func lockErrorsNameTheErrnoInWords() throws {
        let fs = try Tmpfs(size: "64k")
        try fs.remount(readOnly: true)
        let dir = try fleet([("a", "http://127.0.0.1:9/")])
        let r = try runCLI(["run", "--config", dir + "/config.json", "--state", fs.path + "/state.sqlite"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("cannot open the lock file \(fs.path)/state.sqlite.lock: read-only file system (EROFS)"), "\(r.stderr)")
        #expect(!r.stderr.contains("errno 30"))
    }

    /// §13: `history` and `incidents` read a WAL state on read-only media, a run killed
    /// with its -wal and -shm left there included.
    @Test(arguments: [false, true])
    func historyAndIncidentsReadAStateOnReadOnlyMedia(_ killed: Bool) throws {
        let origin = try CountingOrigin()
        let slow = try LabServer { _ in .stall }
        let fs = try Tmpfs(size: "4m")
        let dir = try fleet([("down", origin.baseURL + "/")])
        let state = fs.path + "/state.sqlite"
        #expect(try runCLI(["run", "--config", dir + "/config.json", "--state", state]).status == 2)
        if killed {
            let stalled = try fleet([("down", origin.baseURL + "/"), ("stalled", slow.baseURL + "/")])
            let run = try Background(["run", "--config", stalled + "/config.json", "--state", state])
            usleep(700_000)
            run.signal(SIGKILL)
            _ = run.wait()
            #expect(FileManager.default.fileExists(atPath: state + "-wal"))
        }
        try fs.remount(readOnly: true)
        let history = try runCLI(["history", "down", "--state", state])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("CRITICAL"), "\(history.stdout)")
        let incidents = try runCLI(["incidents", "--state", state])
        #expect(incidents.status == 0, "\(incidents.stderr)")
        #expect(incidents.stdout.contains("OPEN") && incidents.stdout.contains("down"), "\(incidents.stdout)")
    }

    /// §13: the run keeps no report per endpoint: 1,000 endpoints answering 60 KB bodies
    /// peak within a few MB of 50 endpoints (before: every report and its body were kept,
    /// +61 MB). Without playbooks, so the debug build's diagnosis of 60 KB bodies does not
    /// cost the test its seconds: what is measured is what the runner keeps.
    @Test func peakMemoryDoesNotGrowWithTheReportsOfTheFleet() throws {
        let body = String(repeating: "x", count: 60_000)
        let origin = try CountingOrigin { _ in .text(200, body) }
        func peak(_ n: Int) throws -> Double {
            let dir = try fleet((0..<n).map { ("e\($0)", origin.baseURL + "/\($0)") })
            let r = try measuredCLI([
                "run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--concurrency", "50",
                "--prometheus", dir + "/m.prom", "--no-default-playbooks",
            ])
            #expect(r.status == 0, "\(r.stderr)")
            return r.peakRSSMB
        }
        let small = try peak(50)
        let large = try peak(1000)
        print("peak RSS: 50 endpoints \(String(format: "%.1f", small)) MB, 1000 endpoints \(String(format: "%.1f", large)) MB")
        #expect(large - small < 20, "peak RSS grew \(large - small) MB for 950 more endpoints")
    }
}
