import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// The HTTP layer: HTTPProber's probe (hops, redirects, evidence) through its LayerProber
/// signature, and HTTPFailure's reading of real libcurl transfers, against the lab server.
@Suite("HTTP prober")
struct HTTPProberTests {
    func probe(_ url: String, _ configure: (inout ProbeOptions) -> Void = { _ in }) async throws -> LayerOutcome<ProbeRun> {
        let context = try ProbeContext.forTesting(url, configure)
        let plan = await context.plan()
        return await HTTPProber().probe(HTTPProbeInput(plan: plan, address: nil, sample: 1), context: context)
    }

    @Test func isTheRegisteredHTTPLayer() {
        #expect(HTTPProber.layer == .http)
        #expect(type(of: ProberRegistry.standard.http).layer == .http)
    }

    @Test func oneHopAnsweredWithItsEvidence() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello", headers: [("Server", "lab")]))
            let outcome = try await probe(server.baseURL + "/health")
            #expect(outcome.failure == nil)
            let result = outcome.evidence.result
            #expect(result.verdict == .ok)
            #expect(result.response?.status == 200)
            #expect(result.response?.body == "hello")
            #expect(result.response?.headers.first("Server") == "lab")
            #expect(result.request.method == "GET")
            #expect(result.address == "127.0.0.1")
            #expect(result.port == server.port)
            #expect(result.redirects.isEmpty)
            #expect(outcome.evidence.finalURL == server.baseURL + "/health")
        }
    }

    @Test func redirectsAreFollowedHopByHop() throws {
        try onThisThread {
            let server = try LabServer { request in
                request.path == "/end" ? .text(200, "done") : .redirect("/end", status: 301)
            }
            let outcome = try await probe(server.baseURL + "/start")
            #expect(outcome.failure == nil)
            #expect(outcome.evidence.result.redirects.map(\.status) == [301])
            #expect(outcome.evidence.result.redirects.first?.location == "/end")
            #expect(outcome.evidence.finalURL == server.baseURL + "/end")
            #expect(outcome.evidence.result.response?.body == "done")
        }
    }

    @Test func aMultipartTextFieldIsSent() throws {
        try onThisThread {
            let server = try labServer(.echo)
            let outcome = try await probe(server.baseURL + "/upload") {
                $0.multipart = [MultipartField(name: "greeting", content: .text("hello multipart"))]
            }
            #expect(outcome.failure == nil)
            let result = outcome.evidence.result
            #expect(result.request.method == "POST")
            #expect(result.request.body?.kind == "multipart")
            #expect(result.response?.body.contains("name=\"greeting\"") == true)
            #expect(result.response?.body.contains("hello multipart") == true)
        }
    }

    @Test func anErrorStatusIsTheLayersFailure() throws {
        try onThisThread {
            let server = try labServer(.text(503, "down"))
            let outcome = try await probe(server.baseURL + "/")
            #expect(outcome.failure?.kind == .httpStatus)
            #expect(outcome.failure == outcome.evidence.result.error)
            #expect(outcome.evidence.result.verdict == .critical)
        }
    }

    @Test func aFailureBelowHTTPIsThatLayersInTheProbe() throws {
        try onThisThread {
            let outcome = try await probe("http://127.0.0.1:\(closedPort())/")
            #expect(outcome.failure?.kind == .connectRefused)
            #expect(outcome.failure?.phase == "connect")
            #expect(outcome.evidence.result.response == nil)
        }
    }

    @Test func conflictingContentLengthsAreAmbiguousFraming() throws {
        try onThisThread {
            let server = try labServer(.raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nhello".utf8)))
            let hop = try await ProbeContext.forTesting(server.baseURL + "/").exchange()
            let framing = try #require(HTTPFailure.framing(hop.outcome))
            #expect(framing.kind == .protocolError)
            #expect(framing.message.contains("2 and 5"))
            #expect(FailureClassifier.classify(hop.outcome, scheme: "http", hasClientCert: false) == framing, "framing decides first")
        }
    }

    @Test func nonHTTPBytesThatAreATLSRecord() throws {
        try onThisThread {
            let server = try labServer(.raw([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x32]))
            let hop = try await ProbeContext.forTesting(server.baseURL + "/").exchange()
            #expect(HTTPFailure.framing(hop.outcome)?.kind == .httpToTLSPort)
        }
    }

    @Test func anEmptyReplyAndABodyCutShort() throws {
        try onThisThread {
            let empty = try labServer(.emptyReply)
            let emptyHop = try await ProbeContext.forTesting(empty.baseURL + "/").exchange()
            #expect(HTTPFailure.framing(emptyHop.outcome) == nil)
            #expect(HTTPFailure.of(emptyHop.outcome)?.kind == .emptyReply)

            let cut = try labServer(.closeMidBody(declared: 100, sent: 10))
            let cutHop = try await ProbeContext.forTesting(cut.baseURL + "/").exchange()
            #expect(HTTPFailure.of(cutHop.outcome)?.kind == .bodyTruncated)
            #expect(TCPFailure.of(cutHop.outcome) == nil && TLSFailure.of(cutHop.outcome, scheme: "http", hasClientCert: false) == nil)
        }
    }

    @Test func aHealthyTransferHasNoHTTPFailure() throws {
        try onThisThread {
            let server = try labServer(.text(200, "hello"))
            let hop = try await ProbeContext.forTesting(server.baseURL + "/").exchange()
            #expect(HTTPFailure.framing(hop.outcome) == nil)
            #expect(HTTPFailure.of(hop.outcome) == nil)
        }
    }
}
