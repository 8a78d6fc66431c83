import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The TCP layer: TCPProber's bare connection through its LayerProber signature, and
/// TCPFailure's reading of a real libcurl transfer, against loopback listeners.
@Suite("TCP prober")
struct TCPProberTests {
    func probe(port: Int, send: [UInt8] = [], readTimeoutMs: Int = 300) async throws -> LayerOutcome<TCPExchange?> {
        let context = try ProbeContext.forTesting("http://127.0.0.1:\(port)/")
        let question = TCPQuestion(address: "127.0.0.1", port: port, connectTimeoutMs: 1_000, send: send, readTimeoutMs: readTimeoutMs)
        return await TCPProber().probe(question, context: context)
    }

    @Test func isTheRegisteredTCPLayer() {
        #expect(TCPProber.layer == .tcp)
        #expect(type(of: ProberRegistry.standard.tcp).layer == .tcp)
        #expect(TCPConnectFollowUp.layer == .tcp)
    }

    @Test func aListenerThatNeverAnswersAcceptsAndSaysNothing() throws {
        try onThisThread {
            let silent = try SilentListener()
            let outcome = try await probe(port: silent.port)
            let x = try #require(outcome.evidence)
            #expect(x.connected)
            #expect(outcome.failure == nil)
            #expect(x.firstBytes.isEmpty)
            #expect(x.firstByteMs == nil)
            #expect(!x.closed && !x.reset)
        }
    }

    @Test func aServerAnswersTheBytesSent() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello"))
            let outcome = try await probe(
                port: server.port,
                send: Array("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8),
                readTimeoutMs: 2_000
            )
            let x = try #require(outcome.evidence)
            #expect(x.connected)
            #expect(outcome.failure == nil)
            #expect(String(decoding: x.firstBytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            #expect(x.firstByteMs != nil)
        }
    }

    @Test func aClosedPortIsRefused() throws {
        try onThisThread {
            let outcome = try await probe(port: closedPort())
            let x = try #require(outcome.evidence)
            #expect(!x.connected)
            #expect(x.connectErrno == Int(ECONNREFUSED))
            #expect(outcome.failure?.kind == .connectRefused)
            #expect(outcome.failure?.phase == "connect")
            #expect(outcome.failure?.osErrno == Int(ECONNREFUSED))
        }
    }

    @Test func aConnectThatGetsNoAnswerTimesOut() throws {
        try onThisThread {
            let blackhole = try LabBlackholeListener()
            let context = try ProbeContext.forTesting("http://127.0.0.1:\(blackhole.port)/")
            let question = TCPQuestion(address: "127.0.0.1", port: blackhole.port, connectTimeoutMs: 300, readTimeoutMs: 100)
            let outcome = await TCPProber().probe(question, context: context)
            let x = try #require(outcome.evidence)
            #expect(!x.connected)
            #expect(outcome.failure?.kind == .connectTimeout)
            #expect(x.connectMs >= 250 && x.connectMs < 2_000, "\(x.connectMs)")
        }
    }

    @Test func theTCPLayerOfALibcurlTransfer() throws {
        try onThisThread {
            let refused = try await ProbeContext.forTesting("http://127.0.0.1:\(closedPort())/").exchange()
            let failure = try #require(TCPFailure.of(refused.outcome))
            #expect(failure.kind == .connectRefused)
            #expect(failure.curlCode == FailureClassifier.couldntConnect)
            #expect(
                FailureClassifier.classify(refused.outcome, scheme: "http", hasClientCert: false) == failure,
                "the hop's failure is the TCP layer's"
            )

            let server = try labServer(.text(200, "hello"))
            let healthy = try await ProbeContext.forTesting(server.baseURL + "/").exchange()
            #expect(healthy.outcome.connected)
            #expect(TCPFailure.of(healthy.outcome) == nil)
        }
    }

    @Test func aConnectThatGetsNoAnswerInTimeIsTheTCPLayers() throws {
        try onThisThread {
            // A listener with a full backlog drops SYNs: libcurl's connect times out.
            let blackhole = try LabBlackholeListener()
            let hop = try await ProbeContext.forTesting("http://127.0.0.1:\(blackhole.port)/") {
                $0.connectTimeoutMs = 300
                $0.maxTimeMs = 1_000
            }.exchange()
            #expect(!hop.outcome.connected)
            #expect(TCPFailure.of(hop.outcome)?.kind == .connectTimeout)
            #expect(TLSFailure.of(hop.outcome, scheme: "http", hasClientCert: false) == nil)
            #expect(HTTPFailure.framing(hop.outcome) == nil)
        }
    }
}
