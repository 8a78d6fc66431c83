import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// An HTTP/2 server that answers a request with RST_STREAM or GOAWAY: libcurl 7.88 reports
/// both as "empty reply" and keeps the error code; the evidence carries it anyway, read
/// by a follow-up request of httpdiag's own (issue 9 §12).
@Suite("HTTP/2 error codes")
struct HTTP2ErrorTests {
    /// A few dozen lines of Python (ssl and raw frames, no HTTP/2 library): TLS with ALPN h2,
    /// the server preface, and for every request on stream N either RST_STREAM(N, code) or
    /// GOAWAY(last stream 0, code). Loopback only.
    static let script = #"""
        import socket, ssl, struct, sys, threading
        port, mode, code, cert, key = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key); ctx.set_alpn_protocols(["h2"])
        def frame(t, flags, sid, payload): return struct.pack(">I", len(payload))[1:] + bytes([t, flags]) + struct.pack(">I", sid) + payload
        def serve(c):
            try:
                t = ctx.wrap_socket(c, server_side=True)
                t.sendall(frame(4, 0, 0, b""))
                buf = b""
                while True:
                    d = t.recv(65536)
                    if not d: break
                    buf += d
                    if buf.startswith(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"): buf = buf[24:]
                    while len(buf) >= 9:
                        ln = int.from_bytes(buf[0:3], "big"); ty = buf[3]; fl = buf[4]; sid = int.from_bytes(buf[5:9], "big") & 0x7fffffff
                        if len(buf) < 9 + ln: break
                        buf = buf[9 + ln:]
                        if ty == 4 and not fl & 1: t.sendall(frame(4, 1, 0, b""))
                        if ty == 1:
                            if mode == "rst": t.sendall(frame(3, 0, sid, struct.pack(">I", code)))
                            else: t.sendall(frame(7, 0, 0, struct.pack(">II", 0, code)))
                t.close()
            except Exception:
                pass
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", port)); s.listen(16)
        while True:
            c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
        """#

    final class H2Server: @unchecked Sendable {
        let port: Int
        let child: LabProcess
        let path = NSTemporaryDirectory() + "httpdiag-h2-server-\(UUID().uuidString).py"
        init(mode: String, code: Int) throws {
            try HTTP2ErrorTests.script.write(toFile: path, atomically: true, encoding: .utf8)
            port = closedPort()
            child = try LabProcess(
                "/usr/bin/python3",
                [
                    path, String(port), mode, String(code),
                    TestCerts.path("valid.pem"), TestCerts.path("valid.key"),
                ]
            )
            try waitForTCP(port)
        }
        deinit {
            child.stop()
            unlink(path)
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var mode: String
        var code: Int
        var name: String
        var finding: String
        var description: String { "\(mode) \(name)" }
    }

    static let cases = [
        Case(mode: "rst", code: 2, name: "INTERNAL_ERROR", finding: "h2_rst_stream"),
        Case(mode: "rst", code: 11, name: "ENHANCE_YOUR_CALM", finding: "h2_rst_stream"),
        Case(mode: "goaway", code: 1, name: "PROTOCOL_ERROR", finding: "h2_goaway"),
    ]

    @Test(arguments: cases)
    func theServersErrorCodeIsInTheEvidence(_ c: Case) throws {
        let server = try H2Server(mode: c.mode, code: c.code)
        let probe = try check("https://localhost:\(server.port)/orders?page=2&token=h2-secret-token") {
            $0.tls.caFile = TestCerts.path("ca.pem")
            $0.httpVersion = .http2
            $0.fanout = false
            $0.resolve = ["localhost:\(server.port):127.0.0.1"]
            $0.headers = ["Authorization: Bearer h2-secret-bearer"]
        }.probes[0]
        #expect(probe.tls?.alpn == "h2")
        #expect(probe.response == nil)
        let error = try #require(probe.error)
        #expect(error.message.contains("RST_STREAM") && error.message.contains("GOAWAY"), "\(error.message)")
        let h2 = try #require(probe.followups.first { $0.kind == .http2Request }, "\(probe.followups.map(\.kind))")
        #expect(h2.finding == c.finding, "\(h2.summary)")
        #expect(h2.http2ErrorCode == c.code)
        #expect(h2.http2Error == c.name)
        #expect(h2.summary.contains(c.name), "\(h2.summary)")
        #expect(h2.summary.contains("/orders?page=2") && !h2.summary.contains("h2-secret"), "\(h2.summary)")
        #expect(h2.target == "127.0.0.1:\(server.port)")
    }
}
