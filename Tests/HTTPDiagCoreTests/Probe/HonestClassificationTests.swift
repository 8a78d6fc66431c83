import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Classifications that said something the evidence did not (issue 9 §12).
@Suite("Honest classifications")
struct HonestClassificationTests {
    /// A server that answers `100 Continue` forever and never a final status: the time ran
    /// out waiting for a response, not for a body.
    @Test func endlessContinueIsNoFinalResponse() throws {
        let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
        let server = try labServer(.drip(bytes: Array((0..<400).map { _ in interim }.joined()), intervalMs: 1))
        let probe = try check(server.baseURL + "/") {
            $0.maxTimeMs = 800
            $0.followups = false
        }.probes[0]
        #expect(probe.error?.kind == .timeout)
        #expect(probe.error?.phase == "response")
        let message = probe.error?.message ?? ""
        #expect(!message.contains("body"), "\(message)")
        #expect(message.contains("no final response") && message.contains("100 Continue"), "\(message)")
        #expect(probe.response == nil, "an interim response is not the response: \(String(describing: probe.response?.status))")
    }

    /// RFC 9112 §6.3: differing Content-Length values are an unrecoverable framing error,
    /// whichever value libcurl happened to use.
    @Test(arguments: [
        "Content-Length: 5\r\nContent-Length: 12\r\n",
        "Content-Length: 12\r\nContent-Length: 5\r\n",
        "Content-Length: 5, 12\r\n",
    ])
    func twoContentLengthsAreAProtocolError(headers: String) throws {
        let server = try labServer(.raw(Array("HTTP/1.1 200 OK\r\n\(headers)\r\nhello".utf8)))
        let probe = try check(server.baseURL + "/") { $0.followups = false }.probes[0]
        #expect(probe.error?.kind == .protocolError, "\(probe.error.map { "\($0.kind.rawValue): \($0.message)" } ?? "no error")")
        #expect(probe.error?.message.contains("Content-Length") == true, "\(probe.error?.message ?? "")")
    }

    @Test func repeatedEqualContentLengthsAreFine() throws {
        let server = try labServer(.raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello".utf8)))
        let probe = try check(server.baseURL + "/").probes[0]
        #expect(probe.error == nil)
        #expect(probe.response?.body == "hello")
    }

    /// A server certificate list larger than OpenSSL's client limit (100 KiB): the
    /// handshake fails on our side, and the message says so, not "cipher or SNI".
    @Test func oversizedCertificateChainNamesTheClientLimit() throws {
        let intermediate = try String(contentsOfFile: TestCerts.path("intermediate.pem"), encoding: .utf8)
        let chain = NSTemporaryDirectory() + "httpdiag-bigchain-\(getpid()).pem"
        try String(repeating: intermediate, count: 250).write(toFile: chain, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: chain) }
        let server = try OpenSSLServer(cert: "valid.pem", extra: ["-cert_chain", chain])
        let probe = try check(server.url) {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.followups = false
            $0.fanout = false
        }.probes[0]
        #expect(probe.error?.kind == .tlsHandshake)
        let message = probe.error?.message ?? ""
        #expect(message.contains("102400"), "\(message)")
        #expect(message.contains("certificate"), "\(message)")
        #expect(probe.tls?.alertSentReason == "excessive message size", "\(String(describing: probe.tls))")
    }
}
