import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The event loop every transfer goes through: cancellation, many transfers at once, and
/// evidence equal to what a transfer of its own (curl_easy_perform) collects.
@Suite("curl multi event loop")
struct CurlMultiLoopTests {
    // The timed tests wait on the test's own thread and run their tasks on the
    // ProbeExecutor: the cooperative pool is shared with the synchronous tests of the whole
    // suite, which block its threads for as long as their checks take.
    @Test func cancellingACheckStopsItsTransferPromptly() throws {
        let silent = try SilentListener()
        var options = ProbeOptions(url: "http://127.0.0.1:\(silent.port)/")
        options.maxTimeMs = 10_000
        options.followups = false
        let clock = MonotonicClock.now()
        let task = Task(executorPreference: ProbeExecutor.shared) { try await Prober.check(options) }
        usleep(100_000)
        task.cancel()
        let report = try waitFor { try await task.value }
        let elapsedMs = MonotonicClock.millisecondsSince(clock)
        // 100 ms, then a wakeup of the loop: well under the 10 s the probe would have waited.
        #expect(elapsedMs < 1_000, "took \(elapsedMs) ms")
        let probe = try #require(report.probes.first)
        #expect(probe.error?.kind == .localError)
        #expect(probe.error?.message.contains("cancelled") == true)
        #expect(report.verdict == .unknown)
        #expect(probe.followups.isEmpty)
        withExtendedLifetime(silent) {}
    }

    @Test func aTransferCancelledBeforeTheLoopAddsItNeverStarts() async throws {
        let silent = try SilentListener()
        let request = HopRequest(options: ProbeOptions(url: "http://127.0.0.1:\(silent.port)/"), url: "http://127.0.0.1:\(silent.port)/")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await HopTransfer.perform(request)
        }
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(outcome.curlCode == 42)  // CURLE_ABORTED_BY_CALLBACK
        withExtendedLifetime(silent) {}
    }

    @Test func manyConcurrentTransfersOverlapOnTheOneLoop() throws {
        let server = try LabServer(backlog: 512) { _ in
            .custom { _ in
                usleep(100_000)
                return .text(200, "ok\n")
            }
        }
        defer { server.stop() }
        let n = 200
        let clock = MonotonicClock.now()
        let statuses = try waitFor {
            await withTaskGroup(of: Int.self) { group in
                for i in 0..<n {
                    group.addTask {
                        let url = "http://127.0.0.1:\(server.port)/?i=\(i)"
                        var options = ProbeOptions(url: url)
                        options.maxTimeMs = 20_000
                        return (try? await HopTransfer.perform(HopRequest(options: options, url: url)))?.statusLine?.status ?? 0
                    }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        let elapsedMs = MonotonicClock.millisecondsSince(clock)
        #expect(statuses.count == n)
        #expect(statuses.allSatisfy { $0 == 200 })
        // One after another they would take n x 100 ms = 20 s.
        #expect(elapsedMs < 10_000, "took \(elapsedMs) ms")
    }

    @Test func theBlockingSurfaceWorksFromManyThreadsAtOnce() throws {
        let server = try labServer(.text(200, "ok\n"))
        defer { server.stop() }
        let results = LockedArray()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let report = try? check(server.baseURL + "/")
            results.append(report?.probes.first?.response?.status ?? 0)
        }
        #expect(results.values == Array(repeating: 200, count: 16))
    }

    /// The same TLS request on the loop and through a transfer of its own: the same
    /// evidence (no connection, session or DNS entry of another transfer reused).
    @Test func tlsEvidenceOnTheLoopEqualsAStandaloneTransfer() async throws {
        let server = try OpenSSLServer(cert: "valid.pem")
        // Kept until the end: in an async test a value not used after a suspension point may
        // be released at it, and its deinit stops s_server (the cause of a 1-in-4 flake:
        // connection refused on the loop after a good standalone transfer).
        defer { server.stop() }
        var options = ProbeOptions(url: server.url)
        options.tls.caFile = TestCerts.path("ca.pem")
        // s_server listens on 127.0.0.1 only: no ::1 attempt (another test's server may hold that port on ::1).
        options.resolve = ["localhost:\(server.port):127.0.0.1"]
        let request = HopRequest(options: options, url: server.url)
        let standalone = try HopTransfer.performStandalone(request)
        // Twice on the loop: the second must not ride on the first's connection or session.
        let first = try await HopTransfer.perform(request)
        let looped = try await HopTransfer.perform(request)
        for o in [first, looped] {
            #expect(o.curlCode == standalone.curlCode)
            #expect(o.statusLine?.status == standalone.statusLine?.status)
            #expect(o.certificates == standalone.certificates)
            #expect(!o.certificates.isEmpty)
            #expect(o.verifyResult == standalone.verifyResult)
            #expect(o.tls.handshakeDone && standalone.tls.handshakeDone)
            #expect(o.tls.sawServerHello == standalone.tls.sawServerHello)
            #expect(o.tls.version == standalone.tls.version)
            #expect(o.tls.cipher == standalone.tls.cipher)
            #expect(o.tls.alpn == standalone.tls.alpn)
            #expect(o.tls.maxCertList == standalone.tls.maxCertList)
            #expect(o.sentHeaderText == standalone.sentHeaderText)
            #expect(o.headers.map(\.name) == standalone.headers.map(\.name))
            #expect(o.primaryIP == standalone.primaryIP)
            #expect(o.primaryPort == standalone.primaryPort)
            #expect(o.connected == standalone.connected)
            // Each transfer connected and shook hands itself.
            #expect(o.timings.connectMs > 0)
            #expect(o.timings.tlsMs > 0)
            #expect((o.timings.tlsMs > 0) == (standalone.timings.tlsMs > 0))
        }
        // And the whole check keeps what it had: the chain, the handshake time, sent headers.
        let report = try await Prober.check(options)
        let probe = try #require(report.probes.first)
        #expect(probe.error == nil)
        #expect(probe.tls?.verified == true)
        #expect(probe.tls?.chain.isEmpty == false)
        #expect(probe.timings.tlsMs > 0)
        #expect(probe.request.headers.contains { $0.name == "User-Agent" })
    }

    @Test func fannedOutProbesKeepTheirOwnPins() throws {
        // Two addresses of one name, probed at once: each probe's CURLOPT_RESOLVE pin is its
        // own (a DNS cache per transfer), so each connects where it was sent.
        let v4 = try labServer(host: "127.0.0.1", .text(200, "four\n"))
        defer { v4.stop() }
        let other = try LabServer(host: "127.0.0.2", port: v4.port) { _ in .text(200, "two\n") }
        defer { other.stop() }
        let report = try check("http://fanout.test:\(v4.port)/") {
            $0.resolve = ["fanout.test:\(v4.port):127.0.0.1,127.0.0.2"]
            $0.fanout = true
            $0.samples = 3
            $0.burst = true
        }
        #expect(report.probes.count == 6)
        #expect(Set(report.probes.compactMap(\.address)) == ["127.0.0.1", "127.0.0.2"])
        for probe in report.probes {
            #expect(probe.response?.body == (probe.address == "127.0.0.1" ? "four\n" : "two\n"))
        }
    }
}

private final class LockedArray: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func append(_ v: Int) { lock.withLock { items.append(v) } }
    var values: [Int] { lock.withLock { items } }
}
