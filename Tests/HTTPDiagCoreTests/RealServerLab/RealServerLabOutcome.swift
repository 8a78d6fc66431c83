import Foundation
import HTTPDiagTestSupport

/// What `httpdiag check --format json` said about a case: the ranked diagnosis ids and,
/// per probe, the response (or the error) as the JSON document records it.
struct RealServerLabOutcome {
    struct Probe {
        var address: String?
        var status: Int?
        var httpVersion: String?
        var reason: String?
        var headers: [(name: String, value: String)] = []
        var body = ""
        var errorKind: String?
        var errorMessage: String?
        var waitMs: Double?
        var totalMs: Double?

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

        /// The response as `curl -i` shows it: status line, headers (CRLF), empty line,
        /// body. A chunked body is written as one chunk (libcurl had removed the framing).
        var rawResponse: String? {
            guard let status else { return nil }
            var head = "\(httpVersion ?? "HTTP/1.1") \(status)\(reason.map { " " + $0 } ?? "")\r\n"
            for h in headers { head += "\(h.name): \(h.value)\r\n" }
            let chunked = header("Transfer-Encoding")?.lowercased().contains("chunked") == true
            let size = body.utf8.count
            let framed = chunked ? (size > 0 ? String(size, radix: 16) + "\r\n" + body + "\r\n" : "") + "0\r\n\r\n" : body
            return head + "\r\n" + framed
        }

        /// One line: `502 (Server: nginx/1.22.1)` or `connect_refused`.
        var summary: String {
            let at = address.map { " @\($0)" } ?? ""
            if let status {
                return "\(status)\(at) Server: \(header("Server") ?? "-")" + (errorKind.map { " [\($0)]" } ?? "")
            }
            return "\(errorKind ?? "no response")\(at)"
        }
    }

    var ids: [String]
    var probes: [Probe]
    var verdict: String
    var json: String

    var top: String? { ids.first }
    /// The response to show and record: the first failing probe's, else the first one's
    /// (the IPv4 answer when only IPv6 failed); nil when no probe got a status line.
    var shown: Probe? {
        probes.first { $0.errorKind != nil && $0.status != nil } ?? probes.first { $0.status != nil }
    }

    init(json: String) throws {
        self.json = json
        guard let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw TestSupportError("httpdiag's output is not a JSON object: \(json.prefix(300))")
        }
        verdict = doc["verdict"] as? String ?? "?"
        ids = (doc["diagnoses"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        probes = (doc["probes"] as? [[String: Any]] ?? []).map { p in
            var probe = Probe()
            probe.address = p["address"] as? String
            if let r = p["response"] as? [String: Any] {
                probe.status = r["status"] as? Int
                probe.httpVersion = r["http_version"] as? String
                probe.reason = r["reason"] as? String
                probe.headers = (r["headers"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0["value"] as? String ?? "") }
                probe.body = r["body"] as? String ?? ""
            }
            if let e = p["error"] as? [String: Any] {
                probe.errorKind = e["kind"] as? String
                probe.errorMessage = e["message"] as? String
            }
            if let t = p["timings"] as? [String: Any] {
                probe.waitMs = t["wait_ms"] as? Double
                probe.totalMs = t["total_ms"] as? Double
            }
            return probe
        }
    }

    /// The block printed for every case.
    func report(_ labCase: RealServerLabCase) -> String {
        let verdictMark = labCase.acceptable.contains(top ?? "") ? "✓" : "✗"
        let body = shown.map { String($0.body.prefix(200)) } ?? ""
        return """
            [real-server lab] \(verdictMark) \(labCase.name) (\(labCase.server.product); upstream: \(labCase.upstream.text))
                expected: \(labCase.acceptable.joined(separator: " | "))   top 3: \(ids.prefix(3).joined(separator: ", ").ifEmpty("(no diagnosis)"))   verdict: \(verdict)
                probes: \(probes.map(\.summary).joined(separator: "; "))
                body: \(body.debugDescription)
            """
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
