import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Failure kinds of the HTTP layer, each provoked for real against the lab server.
@Suite("HTTP probes against a loopback server")
struct ProberHTTPTests {
    @Test func healthyEndpointIsOKWithTimingsAndHeaders() throws {
        let server = try labServer(.text(200, "hello", headers: [("Server", "lab"), ("X-Dup", "1"), ("X-Dup", "2")]))
        let report = try check(server.baseURL + "/health")
        #expect(report.verdict == .ok)
        let probe = try #require(report.probes.first)
        #expect(probe.error == nil)
        #expect(probe.response?.status == 200)
        #expect(probe.response?.body == "hello")
        #expect(probe.response?.headers.all("X-Dup") == ["1", "2"])
        #expect(probe.address == "127.0.0.1")
        #expect(probe.timings.totalMs > 0)
        #expect(probe.timings.firstByteMs <= probe.timings.totalMs)
        #expect(probe.request.headers.first("Host") == "127.0.0.1:\(server.port)")
    }

    @Test(arguments: [400, 401, 403, 404, 429, 500, 502, 503, 504])
    func errorStatusIsCriticalWithKindHTTPStatus(status: Int) throws {
        let server = try labServer(.text(status, "{\"message\":\"nope\"}"))
        let report = try check(server.baseURL + "/")
        #expect(report.verdict == .critical)
        #expect(report.probes[0].error?.kind == .httpStatus)
        #expect(report.probes[0].response?.status == status)
        #expect(report.reason.hasPrefix("\(status) "))
    }

    @Test func connectionRefusedOnClosedPort() throws {
        let report = try check("http://127.0.0.1:\(closedPort())/")
        #expect(report.probes[0].error?.kind == .connectRefused)
        #expect(report.probes[0].error?.osErrno == Int(ECONNREFUSED))
        #expect(report.verdict == .critical)
    }

    @Test func timeoutWhenServerNeverAnswers() throws {
        let server = try labServer(.stall)
        let started = Date()
        let report = try check(server.baseURL + "/") { $0.maxTimeMs = 700 }
        #expect(report.probes[0].error?.kind == .timeout)
        #expect(report.probes[0].error?.phase == "response")
        #expect(Date().timeIntervalSince(started) < 0.7 + 2)  // bounded: max-time plus slack for a loaded CI
    }

    @Test func slowDripIsBoundedByMaxTime() throws {
        let server = try labServer(.drip(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabcdefghij".utf8), intervalMs: 50))
        let started = Date()
        let report = try check(server.baseURL + "/") { $0.maxTimeMs = 1_000 }
        #expect(report.probes[0].error?.kind == .timeout)
        #expect(Date().timeIntervalSince(started) < 1.0 + 2)
    }

    @Test func bodyTooLargeIsAbortedAtTheLimit() throws {
        let server = try labServer(.hugeBody(size: 50 * 1024 * 1024))
        let report = try check(server.baseURL + "/") {
            $0.maxDownloadBytes = 1024 * 1024
            $0.captureBytes = 1000
        }
        let probe = report.probes[0]
        #expect(probe.error?.kind == .bodyTooLarge)
        #expect((probe.response?.body.count ?? 0) <= 1000)
        #expect(probe.response?.status == 200)
    }

    @Test func emptyReplyWhenServerClosesWithoutAnswer() throws {
        let server = try labServer(.emptyReply)
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .emptyReply)
    }

    @Test func truncatedBodyWhenServerClosesMidBody() throws {
        let server = try labServer(.closeMidBody(declared: 1000, sent: 10))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error?.kind == .bodyTruncated)
        #expect(probe.response?.bodySize == 10)
    }

    @Test func closeAfterHeadersIsTruncated() throws {
        let server = try labServer(.closeAfterHeaders)
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .bodyTruncated)
    }

    @Test func garbageInsteadOfHTTPIsProtocolError() throws {
        let server = try labServer(.raw(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error?.kind == .protocolError)
        #expect(probe.error?.message.contains("SSH-2.0") == true)
    }

    @Test func invalidStatusLineIsProtocolError() throws {
        let server = try labServer(.raw(Array("HTTP/1.1 abc Broken\r\n\r\n".utf8)))
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .protocolError)
    }

    @Test func badChunkSizeIsProtocolError() throws {
        let server = try labServer(.badChunk)
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .protocolError)
    }

    @Test func tooManyHeadersAreBounded() throws {
        let server = try labServer(.manyHeaders(count: 100_000))
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .headersTooLarge)
    }

    @Test func hugeHeaderLineIsBounded() throws {
        let server = try labServer(.hugeHeader(size: 1 << 20))
        #expect(try check(server.baseURL + "/").probes[0].error?.kind == .headersTooLarge)
    }

    @Test func gzipBombIsBoundedWhenDecoding() throws {
        let server = try labServer(.gzipBomb(inflatedSize: 200 * 1024 * 1024))
        let probe = try check(server.baseURL + "/") {
            $0.compressed = true
            $0.maxDownloadBytes = 4 * 1024 * 1024
        }.probes[0]
        #expect(probe.error?.kind == .bodyTooLarge)
    }

    @Test func gzipBodyWithoutCompressedIsKeptRaw() throws {
        let server = try labServer(.gzipBomb(inflatedSize: 1024 * 1024))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error == nil)
        #expect(probe.response?.contentEncoding == "gzip")
        #expect((probe.response?.bodySize ?? 0) < 100_000)
    }

    @Test func headRequestSendsHEADAndAwaitsNoBody() throws {
        let server = try LabServer { r in .text(200, "method=\(r.method)", headers: [("X-Method", r.method)]) }
        let probe = try check(server.baseURL + "/") { $0.head = true }.probes[0]
        #expect(probe.request.method == "HEAD")
        #expect(probe.response?.headers.first("X-Method") == "HEAD")
        #expect(probe.response?.bodySize == 0)
    }

    @Test func samplesShowIntermittentFailures() throws {
        let server = try LabServer { _ in .sequence([.text(200, "ok"), .text(503, "busy"), .text(200, "ok")]) }
        let report = try check(server.baseURL + "/") { $0.samples = 3 }
        #expect(report.probes.map { $0.response?.status } == [200, 503, 200])
        #expect(report.probes.map(\.sample) == [1, 2, 3])
        #expect(report.verdict == .critical)
        #expect(report.reason.hasPrefix("1 of 3 probes failed"))
    }

    @Test func burstSendsSamplesConcurrently() throws {
        let gauge = ConcurrencyGauge()
        let server = try LabServer { _ in
            .custom { _ in
                gauge.enter()
                usleep(200_000)
                gauge.leave()
                return .text(200, "ok")
            }
        }
        let report = try check(server.baseURL + "/") {
            $0.samples = 6
            $0.burst = true
        }
        #expect(report.probes.count == 6)
        #expect(report.probes.allSatisfy { $0.response?.status == 200 })
        #expect(gauge.peak > 1, "samples were not in flight together")
        let sequential = ConcurrencyGauge()
        let server2 = try LabServer { _ in
            .custom { _ in
                sequential.enter()
                usleep(50_000)
                sequential.leave()
                return .text(200, "ok")
            }
        }
        _ = try check(server2.baseURL + "/") { $0.samples = 3 }
        #expect(sequential.peak == 1)
    }
}

/// Counts requests in flight at once on a lab server.
final class ConcurrencyGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() {
        lock.lock()
        current += 1
        peak = max(peak, current)
        lock.unlock()
    }
    func leave() {
        lock.lock()
        current -= 1
        lock.unlock()
    }
}
