import CHTTPDiag
import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Hostile endpoints against the real `httpdiag check` binary: every case must end within
/// --max-time + 1 s, stay under 64 MB of peak RSS (the child's own ru_maxrss from wait4)
/// and give a classified result, never a crash or a hang.
@Suite("Hostile endpoints", .serialized)
struct HostileEndpointTests {
    static let rssLimit = 64 * 1024 * 1024

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// Starts the server(s); returns the URL and whatever must stay alive during the run.
        var setup: @Sendable () throws -> (url: String, keep: [AnyObject])
        var arguments: [String] = []
        var maxTime: Double = 3
        var exit: Int32 = 2
        /// Expected `probes[0].error.kind`; nil when the response is legitimately OK.
        var kind: String?
        /// Extra checks on the JSON document.
        var verify: (@Sendable (JSONValue) -> Void)?
        var description: String { name }
    }

    static func lab(_ behavior: LabBehavior, path: String = "/") -> @Sendable () throws -> (url: String, keep: [AnyObject]) {
        {
            let s = try labServer(behavior)
            return (s.baseURL + path, [s])
        }
    }

    /// 1 GiB of zeros gzipped once (about 1 MiB on the wire), served as a plain response.
    static let gzipBomb: [UInt8] = {
        var out: UnsafeMutablePointer<UInt8>?
        var len = 0
        precondition(hd_gzip_zeros(1 << 30, &out, &len) == 0)
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: len))
    }()

    static let cases: [Case] = [
        Case(name: "1 GiB body (default --max-download 64 MiB)", setup: lab(.hugeBody(size: 1 << 30)), kind: "body_too_large"),
        Case(
            name: "1 GiB body read to the end (--max-download 2 GiB)",
            setup: lab(.hugeBody(size: 1 << 30)),
            arguments: ["--max-download", String(2 << 30)],
            maxTime: 20,
            exit: 0,
            kind: nil,
            verify: { doc in
                #expect(doc["probes"]?[0]?["response"]?["body_size"] == .number(Double(1 << 30)))
                #expect(doc["probes"]?[0]?["response"]?["body_truncated"] == .bool(true))
            }
        ),
        Case(
            name: "gzip bomb, 1 MiB on the wire, 1 GiB inflated (--compressed)",
            setup: {
                let body = HostileEndpointTests.gzipBomb
                let s = try labServer(.respond(status: 200, headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")], body: body))
                return (s.baseURL + "/", [s])
            },
            arguments: ["--compressed"],
            kind: "body_too_large"
        ),
        Case(
            name: "drip, one byte per second",
            setup: lab(.drip(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789".utf8), intervalMs: 1000)),
            kind: "timeout"
        ),
        Case(name: "1 MiB header line", setup: lab(.hugeHeader(size: 1 << 20)), kind: "headers_too_large"),
        Case(name: "100,000 headers", setup: lab(.manyHeaders(count: 100_000)), kind: "headers_too_large"),
        Case(name: "invalid status line", setup: lab(.raw(Array("HTTP/1.1 abc Broken\r\nContent-Length: 0\r\n\r\n".utf8))), kind: "protocol_error"),
        Case(
            name: "non-HTTP garbage on the port",
            setup: lab(.raw(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8) + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })),
            kind: "protocol_error"
        ),
        Case(
            name: "TLS server sending garbage after the handshake",
            setup: {
                let s = try TLSGarbageServer()
                return (s.url, [s])
            },
            arguments: ["--cacert", TestCerts.path("ca.pem")],
            kind: "protocol_error"
        ),
        Case(
            name: "redirect loop",
            setup: {
                let s = try LabServer { r in .redirect(r.path == "/x" ? "/y" : "/x") }
                return (s.baseURL + "/x", [s])
            },
            kind: "too_many_redirects"
        ),
        Case(name: "redirect to file://", setup: lab(.redirect("file:///etc/passwd")), kind: "redirect_scheme_refused"),
        Case(name: "redirect to gopher://", setup: lab(.redirect("gopher://127.0.0.1:70/1")), kind: "redirect_scheme_refused"),
        Case(name: "redirect to ftp://", setup: lab(.redirect("ftp://127.0.0.1/x")), kind: "redirect_scheme_refused"),
        Case(
            name: "redirect to another host (credentials dropped)",
            setup: {
                let other = try LabServer(host: "127.0.0.2") { _ in .echo }
                let origin = try labServer(.redirect("http://127.0.0.2:\(other.port)/landing"))
                return (origin.baseURL + "/", [origin, other])
            },
            arguments: ["-H", "Authorization: Bearer hostile-bearer-4711", "-H", "Cookie: sid=hostile-cookie-4711", "-H", "X-Trace: keep"],
            exit: 0,
            kind: nil,
            verify: { doc in
                guard case .string(let body)? = doc["probes"]?[0]?["response"]?["body"] else {
                    Issue.record("no echoed body")
                    return
                }
                #expect(body.hasPrefix("GET /landing"), "\(body)")
                #expect(body.contains("X-Trace: keep"), "\(body)")
                #expect(!body.lowercased().contains("authorization"), "Authorization forwarded: \(body)")
                #expect(!body.lowercased().contains("cookie"), "Cookie forwarded: \(body)")
                #expect(doc["probes"]?[0]?["redirects"]?[0]?["status"] == .number(302))
            }
        ),
        Case(name: "close after the headers", setup: lab(.closeAfterHeaders), kind: "body_truncated"),
        Case(name: "chunked encoding, bad chunk size", setup: lab(.badChunk), kind: "protocol_error"),
    ]

    @Test func everyHostileEndpointIsBoundedAndClassified() throws {
        var rows: [String] = []
        for c in Self.cases {
            let (url, keep) = try c.setup()
            let maxTime = c.maxTime
            let run = try measuredCLI(
                ["check", url, "--format", "json", "--max-time", String(maxTime)] + c.arguments,
                hardDeadline: maxTime + 30
            )
            withExtendedLifetime(keep) {}
            let doc = try? JSONDecoder().decode(JSONValue.self, from: Data(run.stdout.utf8))
            let kind: String? = if case .string(let k)? = doc?["probes"]?[0]?["error"]?["kind"] { k } else { nil }
            rows.append(String(format: "| %@ | %@ | %d | %.2f | %.1f |", c.name, kind ?? "— (OK)", run.status, run.seconds, run.peakRSSMB))

            #expect(run.signal == nil, "\(c): killed by signal \(run.signal ?? 0)\(run.killedAtDeadline ? " (hung)" : "") \(run.stderr)")
            #expect(run.status == c.exit, "\(c): exit \(run.status), stderr \(run.stderr) \(run.stdout.prefix(600))")
            #expect(doc != nil, "\(c): stdout is not JSON: \(run.stdout.prefix(300)) \(run.stderr)")
            #expect(kind == c.kind, "\(c): kind \(kind ?? "nil"), expected \(c.kind ?? "nil")")
            #expect(run.seconds <= maxTime + 1, "\(c): \(run.seconds) s > \(maxTime) + 1 s")
            #expect(run.peakRSSBytes < Self.rssLimit, "\(c): peak RSS \(run.peakRSSMB) MB")
            if let doc { c.verify?(doc) }
        }
        print(
            """

            | hostile endpoint | kind | exit | seconds | peak RSS MB |
            |---|---|---|---|---|
            \(rows.joined(separator: "\n"))

            """
        )
    }
}

/// `openssl s_server -rev`: completes a real TLS handshake, then answers every line the
/// client sends with that line reversed (`1.1/PTTH / TEG`): non-HTTP bytes inside TLS.
final class TLSGarbageServer: @unchecked Sendable {
    let port: Int
    private let child: LabProcess

    init() throws {
        port = closedPort()
        child = try LabProcess(
            "/usr/bin/openssl",
            [
                "s_server", "-accept", "127.0.0.1:\(port)", "-cert", TestCerts.path("valid.pem"),
                "-key", TestCerts.path("valid.key"), "-rev", "-quiet",
            ]
        )
        try waitForTCP(port)
    }

    var url: String { "https://localhost:\(port)/" }
    deinit { child.stop() }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
}
