import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Phase timings of failed transfers: libcurl reports 0 for the phases of a transfer that
/// failed in or after them; the prober fills them from its own callbacks.
@Suite("Phase timings of failed transfers")
struct ProberTimingTests {
    /// The phases add up to the total (the waterfall draws them end to end).
    func expectPhasesAddUp(_ t: Timings, slackMs: Double = 0.5, sourceLocation: SourceLocation = #_sourceLocation) {
        let sum = t.phases.reduce(0) { $0 + $1.ms }
        #expect(
            abs(sum - t.totalMs) <= max(0.05 * t.totalMs, slackMs),
            "phases \(t.phases) sum to \(sum), total \(t.totalMs)",
            sourceLocation: sourceLocation
        )
    }

    @Test func timeoutAfterTheRequestShowsTheServerWait() throws {
        let server = try labServer(.stall)
        let probe = try check(server.baseURL + "/") { $0.maxTimeMs = 800 }.probes[0]
        #expect(probe.error?.kind == .timeout)
        let t = probe.timings
        #expect(t.connectMs > 0)
        #expect(t.waitMs >= 600, "Server processing \(t.waitMs) ms of a \(t.totalMs) ms timeout")
        #expect(t.firstByteMs == 0, "no byte arrived")
        #expect(t.transferMs == 0)
        expectPhasesAddUp(t)
    }

    @Test func emptyReplyShowsTheWaitUntilTheClose() throws {
        let server = try LabServer { _ in
            .custom { _ in
                usleep(300_000)
                return .emptyReply
            }
        }
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error?.kind == .emptyReply)
        #expect(probe.timings.connectMs > 0)
        #expect(probe.timings.waitMs >= 250, "\(probe.timings)")
        expectPhasesAddUp(probe.timings)
    }

    @Test(arguments: [
        // TLS 1.2: the server rejects the handshake when no client certificate comes (curl code 35).
        ["-Verify", "1", "-verify_return_error", "-tls1_2"],
        // TLS 1.0 only: our side refuses it.
        ["-tls1", "-cipher", "ALL:@SECLEVEL=0"],
    ])
    func failedHandshakeShowsConnectAndTLSTime(extra: [String]) throws {
        let args = extra.contains("-Verify") ? extra + ["-CAfile", TestCerts.path("client-ca.pem")] : extra
        let server = try OpenSSLServer(cert: "valid.pem", extra: args)
        let probe = try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.fanout = false
        }.probes[0]
        #expect(probe.error?.phase == "tls")
        let t = probe.timings
        #expect(t.connectMs > 0, "TCP connect \(t.connectMs) ms")
        #expect(t.tlsMs > 0, "TLS handshake \(t.tlsMs) ms")
        // The TLS library's set-up (CA file, SSL_CTX) belongs to the handshake, as on success.
        #expect(t.connectMs < t.tlsMs)
        #expect(t.waitMs == 0 && t.sendMs == 0, "no request was sent")
        // A refused handshake ends at the server's alert; libcurl stamps the total when the
        // loop ends the transfer after it, which on a loaded 2-core CI machine was 0.7 ms
        // later (seen once): that tail belongs to no phase.
        expectPhasesAddUp(t, slackMs: 2)
    }

    @Test func handshakeTimeoutShowsTheTLSPhase() throws {
        let server = try SilentListener()  // connects, never answers the ClientHello
        let probe = try check("https://127.0.0.1:\(server.port)/") {
            $0.maxTimeMs = 700
            $0.followups = false
        }.probes[0]
        #expect(probe.error?.kind == .timeout)
        #expect(probe.error?.phase == "tls")
        #expect(probe.timings.connectMs > 0)
        #expect(probe.timings.tlsMs >= 500, "\(probe.timings)")
        expectPhasesAddUp(probe.timings)
    }

    @Test func connectTimeoutShowsTheConnectAttempt() throws {
        let blackhole = try LabBlackholeListener()
        let probe = try check("http://127.0.0.1:\(blackhole.port)/") {
            $0.connectTimeoutMs = 600
            $0.followups = false
        }.probes[0]
        #expect(probe.error?.kind == .connectTimeout)
        #expect(probe.timings.connectMs >= 500, "\(probe.timings)")
        #expect(probe.timings.tlsMs == 0 && probe.timings.waitMs == 0)
        expectPhasesAddUp(probe.timings)
    }

    @Test func successfulTransferKeepsLibcurlsTimings() throws {
        let server = try labServer(.text(200, "ok"))
        let t = try check(server.baseURL + "/").probes[0].timings
        #expect(t.firstByteMs > 0 && t.firstByteMs <= t.totalMs)
        expectPhasesAddUp(t)
    }

    /// The filling rules on their own, with libcurl's zeros and the marks of each case.
    @Test func countersOfAFailedTransferAreFilledFromTheMarks() {
        // A timeout 1 s after the request: libcurl has connect and pretransfer, no first byte.
        var c = CurlCounters(namelookup: 20, connect: 100, appconnect: 0, pretransfer: 150, starttransfer: 0, total: 1_000_150)
        var t = Timings.measured(c, marks: TransferMarks(socketOpened: 20, requestSent: 160), tls: false, failed: true)
        #expect(t.waitMs == 1000)
        #expect(t.connectMs == 0.08)
        // The same counters on success are libcurl's own.
        #expect(
            Timings.measured(c, marks: TransferMarks(), tls: false, failed: false)
                == Timings.fromCumulative(
                    namelookup: 20,
                    connect: 100,
                    appconnect: 0,
                    pretransfer: 150,
                    starttransfer: 0,
                    total: 1_000_150
                )
        )
        // A failed handshake: libcurl has only the total.
        c = CurlCounters(namelookup: 20, total: 8_000)
        t = Timings.measured(
            c,
            marks: TransferMarks(socketOpened: 20, tcpConnected: 90, tlsFirstWrite: 2_000, tlsAlert: 7_900),
            tls: true,
            failed: true
        )
        #expect(t.connectMs == 0.07)
        #expect(t.tlsMs == 7.81)
        #expect(t.waitMs == 0)
        // Refused: the connect attempt took the whole transfer.
        t = Timings.measured(CurlCounters(total: 300), marks: TransferMarks(socketOpened: 10), tls: false, failed: true)
        #expect(t.dnsMs == 0.01 && t.connectMs == 0.29)
    }
}
