import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Requests a lab server saw, in order (what follow-ups sent).
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _requests: [LabRequest] = []
    var requests: [LabRequest] {
        lock.lock()
        defer { lock.unlock() }
        return _requests
    }
    func append(_ r: LabRequest) {
        lock.lock()
        _requests.append(r)
        lock.unlock()
    }
}

/// Follow-up probes against real loopback servers: which run, what they find, what they
/// send, and how long they may take.
@Suite("Follow-up probes")
struct FollowUpTests {
    func followUps(_ report: CheckReport) -> [FollowUp] { report.probes.flatMap(\.followups) }

    @Test func plainHTTPToATLSPortFindsTLS() throws {
        let server = try OpenSSLServer(cert: "valid.pem")
        let report = try check("http://127.0.0.1:\(server.port)/")
        #expect(report.probes[0].error?.kind == .emptyReply)
        let f = try #require(followUps(report).first)
        #expect(followUps(report).count == 1)
        #expect(f.kind == .tlsHello)
        #expect(f.target == "127.0.0.1:\(server.port)")
        #expect(f.finding == "tls_on_plain_port")
        #expect(f.outcome == "tls_handshake_done")
        #expect(f.durationMs > 0 && f.durationMs < 2_000)
        #expect(f.summary.contains("https://"))
    }

    @Test func garbageOnAPortThatIsNotTLSEither() throws {
        let server = try labServer(.raw(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)))
        let report = try check(server.baseURL + "/")
        #expect(report.probes[0].error?.kind == .protocolError)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .tlsHello)
        #expect(f.finding == "no_tls_either")
        #expect(f.outcome == FailureKind.tlsPeerNotTLS.rawValue)
    }

    @Test func httpsToAPlainHTTPPortFindsPlainHTTP() throws {
        let log = RequestLog()
        let server = try LabServer { r in
            log.append(r)
            return .text(200, "plain")
        }
        let report = try check("https://127.0.0.1:\(server.port)/app?page=2") { $0.headers = ["Authorization: Bearer followup-secret-1"] }
        #expect(report.probes[0].error?.kind == .tlsPeerNotTLS)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .plainHTTP)
        #expect(f.finding == "plain_http_on_tls_port")
        #expect(f.status == 200 && f.outcome == "200")
        let plain = try #require(log.requests.last)
        #expect(plain.method == "GET" && plain.target == "/app?page=2")
        #expect(plain.header("Authorization") == nil, "credentials sent on a follow-up")
        #expect(f.summary.contains("without credentials"))
    }

    @Test func rateLimitThatPassesIsTransient() throws {
        let log = RequestLog()
        let server = try LabServer { r in
            log.append(r)
            return log.requests.count == 1 ? .text(429, "slow down", headers: [("Retry-After", "1")]) : .text(200, "ok")
        }
        let secrets = ["followup-token-2", "followup-body-3", "followup-secret-4", "followup-cookie-5", "followup-key-6", "followup-pw-7"]
        let report = try check("http://alice:followup-pw-7@127.0.0.1:\(server.port)/api?token=followup-token-2&page=1") {
            $0.method = "POST"
            $0.body = Array(#"{"password":"followup-body-3"}"#.utf8)
            $0.headers = [
                "Authorization: Bearer followup-secret-4", "Cookie: sid=followup-cookie-5", "X-Api-Key: followup-key-6",
                "Content-Type: application/json", "X-Trace: keep",
            ]
        }
        #expect(report.probes[0].response?.status == 429)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .spacedRetry)
        #expect(f.finding == "retry_succeeded")
        #expect(f.status == 200)
        #expect(f.durationMs >= 1_000, "Retry-After: 1 was waited")
        // Read-only and without credentials.
        let retry = try #require(log.requests.last)
        #expect(log.requests.count == 2)
        #expect(retry.method == "GET" && retry.body.isEmpty)
        #expect(retry.target == "/api?page=1")
        for name in ["Authorization", "Cookie", "X-Api-Key", "Content-Type"] { #expect(retry.header(name) == nil, "\(name) sent") }
        #expect(retry.header("X-Trace") == "keep")
        #expect(log.requests.first?.header("Authorization") != nil, "the probe itself sent its credentials")
        #expect(f.summary.contains("as GET, not POST") && f.summary.contains("without credentials"))
        let outputs = [try JSONReport.render(report), TextReport.render(report, style: Style(enabled: false))]
        let wire = retry.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + retry.target
        for secret in secrets {
            #expect(!wire.contains(secret), "\(secret) sent on the follow-up")
            for out in outputs { #expect(!out.contains(secret), "\(secret) in the output") }
        }
    }

    @Test func lastingUnavailabilityIsTheSameStatus() throws {
        let server = try labServer(.text(503, "down"))
        let report = try check(server.baseURL + "/")
        let f = try #require(followUps(report).first)
        #expect(f.kind == .spacedRetry)
        #expect(f.finding == "retry_same_status")
        #expect(f.outcome == "503")
        #expect(f.durationMs >= 1_000)
    }

    @Test func badGatewayAfterASuccessIsRetried() throws {
        let server = try LabServer { _ in .sequence([.text(200, "ok"), .text(502, "bad gateway"), .text(502, "bad gateway")]) }
        let report = try check(server.baseURL + "/") { $0.samples = 2 }
        #expect(report.probes.map { $0.response?.status } == [200, 502])
        #expect(report.probes[0].followups.isEmpty, "follow-ups belong to the failed probe")
        #expect(report.probes[1].followups.map(\.finding) == ["retry_same_status"])
        // A 502 alone (no success) leaves the retry out.
        let alone = try labServer(.text(502, "bad gateway"))
        #expect(followUps(try check(alone.baseURL + "/")).isEmpty)
    }

    @Test func timeoutOnAServerThatAcceptsAndNeverAnswers() throws {
        let silent = try SilentListener()
        let started = MonotonicClock.now()
        let report = try check(silent.url) { $0.maxTimeMs = 1_000 }
        let seconds = MonotonicClock.millisecondsSince(started) / 1000
        #expect(report.probes[0].error?.kind == .timeout)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .tcpConnect)
        #expect(f.finding == "tcp_accepts")
        #expect(f.outcome == "accepted_no_reply")
        #expect(seconds <= 1.0 + 2, "check took \(seconds) s")
    }

    @Test func timeoutOfOnePathWhileTheServerAnswers() throws {
        let server = try LabServer { r in r.path == "/slow" ? .stall : .text(200, "ok") }
        let report = try check(server.baseURL + "/slow") { $0.maxTimeMs = 800 }
        #expect(report.probes[0].error?.kind == .timeout)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .tcpConnect)
        #expect(f.finding == "tcp_accepts_replies")
        #expect(f.summary.contains("HTTP/1.1 200"))
    }

    @Test func connectTimeoutThatRepeats() throws {
        let blackhole = try LabBlackholeListener()
        let report = try check("http://127.0.0.1:\(blackhole.port)/") { $0.connectTimeoutMs = 600 }
        #expect(report.probes[0].error?.kind == .connectTimeout)
        let f = try #require(followUps(report).first)
        #expect(f.kind == .tcpConnect)
        #expect(f.finding == "tcp_connect_timeout")
        #expect(f.durationMs >= 500 && f.durationMs < 2_000, "\(f.durationMs)")
    }

    @Test func noFollowupTurnsThemOff() throws {
        let server = try labServer(.text(503, "down"))
        let started = MonotonicClock.now()
        let report = try check(server.baseURL + "/") { $0.followups = false }
        #expect(followUps(report).isEmpty)
        #expect(MonotonicClock.millisecondsSince(started) < 900, "no pause for a retry")
    }

    @Test func healthyAndUnambiguousFailuresHaveNone() throws {
        let ok = try labServer(.text(200, "ok"))
        #expect(followUps(try check(ok.baseURL + "/")).isEmpty)
        #expect(followUps(try check("http://127.0.0.1:\(closedPort())/")).isEmpty)
        let notFound = try labServer(.text(404, "nope"))
        #expect(followUps(try check(notFound.baseURL + "/")).isEmpty)
    }

    @Test func followUpsAreInTheTextAndJSONOutput() throws {
        let server = try labServer(.text(503, "down"))
        let report = try check(server.baseURL + "/")
        let text = TextReport.render(report, style: Style(enabled: false))
        let lines = text.split(separator: "\n").filter { $0.contains("follow-up ") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("spaced_retry 127.0.0.1:\(server.port) → retry_same_status") == true, "\(lines)")
        let seen = try JSONOutputTests.assertMatchesDoc(report)
        for key in [
            "probes[].followups", "probes[].followups[].kind", "probes[].followups[].target", "probes[].followups[].started_at",
            "probes[].followups[].duration_ms", "probes[].followups[].outcome", "probes[].followups[].status",
            "probes[].followups[].finding", "probes[].followups[].summary",
        ] {
            #expect(seen.contains(key), "\(key) missing")
        }
    }

    @Test func atMostFivePerCheck() {
        let probe = ProbeResult(
            address: "127.0.0.1",
            family: "ipv4",
            port: 80,
            sample: 1,
            startedAt: Date(),
            verdict: .critical,
            timings: Timings(),
            dns: nil,
            tls: nil,
            request: RequestEvidence(method: "GET", url: "http://x/"),
            response: nil,
            redirects: [],
            error: ProbeError(kind: .timeout, message: "m", phase: "response")
        )
        let plan = AddressPlan(addresses: [], dns: nil, failure: nil, pin: false)
        #expect(FollowUpPlanner.steps(primary: probe, finalURL: "http://x/", probes: [probe], plan: plan, proxied: false) == [.tcpConnect])
        #expect(FollowUpPlanner.steps(primary: probe, finalURL: "http://x/", probes: [probe], plan: plan, proxied: true).isEmpty)
        #expect(FollowUpPlanner.pause(retryAfter: "2") == 2_000)
        #expect(FollowUpPlanner.pause(retryAfter: "30") == 1_000)
        #expect(FollowUpPlanner.pause(retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT") == 1_000)
        #expect(FollowUpPlanner.maxPerCheck == 5)
    }
}

/// The other address family, against dnsmasq's v6.test (127.0.0.1 and ::1).
@Suite("Follow-up: the other address family", .serialized)
struct FollowUpFamilyTests {
    init() throws { try #require(TestDNS.started, "dnsmasq did not start") }

    @Test func onlyIPv4WasProbedAndIPv6Works() throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers(v4: .text(503, "v4 down"), v6: .text(200, "v6"))
        let report = try check("http://v6.test:\(v4.port)/") {
            $0.dnsServer = TestDNS.server
            $0.fanout = false
        }
        #expect(report.probes.count == 1)
        #expect(report.probes[0].address == "127.0.0.1")
        let kinds = report.probes[0].followups.map(\.kind)
        #expect(kinds == [.spacedRetry, .otherFamily])
        let other = try #require(report.probes[0].followups.last)
        #expect(other.target == "[::1]:\(v4.port)")
        #expect(other.finding == "ipv6_ok_ipv4_fails")
        #expect(other.status == 200)
        _ = v6
    }

    @Test func bothFamiliesFail() throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers(v4: .text(503, "down"), v6: .text(503, "down"))
        let report = try check("http://v6.test:\(v4.port)/") {
            $0.dnsServer = TestDNS.server
            $0.fanout = false
        }
        #expect(report.probes[0].followups.last?.finding == "both_families_fail")
        _ = v6
    }

    @Test func fanOutAlreadyProbedBothFamilies() throws {
        let (v4, v6) = try ProberIPv6Tests.dualServers(v4: .text(503, "v4 down"), v6: .text(200, "v6"))
        let report = try check("http://v6.test:\(v4.port)/") { $0.dnsServer = TestDNS.server }
        #expect(Set(report.probes.compactMap(\.family)) == ["ipv4", "ipv6"])
        #expect(!report.probes.flatMap(\.followups).contains { $0.kind == .otherFamily }, "fan-out covered it")
        _ = v6
    }
}
