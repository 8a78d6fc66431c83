import Foundation
import Synchronization
import Testing
@testable import HTTPDiagCore
import HTTPDiagFleet
import HTTPDiagLab

/// `httpdiag run` end to end: exit codes, quiet output, JSON, the lock, and a state that
/// survives `kill -9` in the middle of a run.
@Suite("httpdiag run", .serialized)
struct RunCommandTests {
    func config(_ endpoints: [(String, String)]) throws -> String {
        let dir = NSTemporaryDirectory() + "run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let list = endpoints.map { "{\"name\": \"\($0.0)\", \"url\": \"\($0.1)\", \"timeout_s\": 10}" }.joined(separator: ",\n")
        try "{\"endpoints\": [\n\(list)\n]}".write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        return dir
    }

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
        p.executableURL = URL(fileURLWithPath: cliBinary)
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
        p.executableURL = URL(fileURLWithPath: cliBinary)
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
        let receiver = try LabServer { _ in .custom { r in hooks.withLock { $0.append(String(decoding: r.body, as: UTF8.self)) }; return .text(200, "ok") } }
        let dir = NSTemporaryDirectory() + "fleet-secrets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = """
        {"endpoints": [{"name": "echo", "url": "http://user:\(secrets[3])@127.0.0.1:\(echo.port)/x?token=\(secrets[2])",
          "method": "POST", "headers": {"Authorization": "Bearer ${FLEET_TOKEN}", "Cookie": "sid=\(secrets[1])", "Content-Type": "application/json"},
          "body": "{\\"password\\": \\"\(secrets[4])\\"}", "expect": {"status": [201]}}]}
        """
        try config.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["FLEET_TOKEN"] = secrets[0]
        let r = try runCLI(["run", "--config", dir + "/config.json", "--state", dir + "/state.sqlite", "--report-dir", dir + "/reports",
                            "--prometheus", dir + "/m.prom", "--notify-webhook", receiver.baseURL + "/hook"], environment: env)
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
