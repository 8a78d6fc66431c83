import HTTPDiagCore
import Yams

/// Loads `Playbooks/<id>.cases.yaml`: the fixtures of one playbook.
public enum CaseLoader {
    static let caseKeys = ["name", "expect", "source", "note", "probes"] + probeKeys
    static let probeKeys = [
        "request", "response", "http_file", "error", "address", "family", "sample", "dns", "tls",
        "redirects", "timings", "followups",
    ]

    public static func load(file path: String, playbookID: String, baseDirectory: String, now: Date = Date()) throws -> [PlaybookCase] {
        let data = try PlaybookFile.read(path)
        let reader = YAMLReader(file: path)
        let root = try reader.parse(String(decoding: data, as: UTF8.self))
        let top = try reader.entries(root, "cases file", allowed: ["cases"], required: ["cases"])
        guard let list = top["cases"]?.sequence, !list.isEmpty else { throw reader.fail(top["cases"], "cases must be a non-empty list") }
        return try list.map { node in
            let e = try reader.entries(node, "case", allowed: caseKeys, required: ["name", "expect"])
            let expectText = try reader.string(e["expect"], "expect")
            guard let expect = PlaybookCase.Expectation(rawValue: expectText) else {
                throw reader.fail(e["expect"], "expect must be top, not_top or absent")
            }
            var probes: [ProbeResult]
            if let list = e["probes"] {
                guard let seq = list.sequence, !seq.isEmpty else { throw reader.fail(list, "probes must be a non-empty list") }
                probes = try seq.enumerated().map { i, p in
                    try probe(try reader.entries(p, "probe", allowed: probeKeys), node: p, index: i, reader: reader, base: baseDirectory, now: now)
                }
            } else {
                probes = [try probe(e, node: node, index: 0, reader: reader, base: baseDirectory, now: now)]
            }
            return PlaybookCase(
                name: try reader.string(e["name"], "name"),
                playbookID: playbookID,
                expect: expect,
                file: path,
                line: node.mark?.line,
                probes: probes
            )
        }
    }

    static func probe(_ e: [String: Node], node: Node, index: Int, reader: YAMLReader, base: String, now: Date) throws -> ProbeResult {
        var method = "GET"
        var url = "https://app.example.com/"
        var headers: [String] = []
        var bodyText: String?
        var form: [String] = []
        var response: ResponseEvidence?
        if let file = e["http_file"] {
            let rel = try reader.string(file, "http_file")
            guard let data = FileManager.default.contents(atPath: base + "/" + rel) else { throw reader.fail(file, "cannot read \(rel)") }
            let raw = try RawHTTPMessage(text: String(decoding: data, as: UTF8.self), file: rel)
            response = raw.response
            if let flags = raw.comments["request_flags"]?.first, flags != "-" {
                let f = CurlFlags(flags)
                headers = f.headers
                bodyText = f.data
                form = f.form
                if let u = f.url { url = u }
                method = f.method ?? (f.data != nil || !f.form.isEmpty ? "POST" : "GET")
            }
        }
        if let r = e["request"] {
            let q = try reader.entries(r, "request", allowed: ["method", "url", "headers", "body", "form"])
            if let m = q["method"] { method = try reader.string(m, "method") }
            if let u = q["url"] { url = try reader.string(u, "url") }
            if let h = q["headers"] { headers = try reader.strings(h, "headers") }
            if let b = q["body"] {
                bodyText = try reader.string(b, "body")
                if q["method"] == nil { method = "POST" }
            }
            if let f = q["form"] {
                form = try reader.strings(f, "form")
                if q["method"] == nil { method = "POST" }
            }
        }
        if let r = e["response"] {
            let text = try reader.string(r, "response").replacingOccurrences(of: "\r\n", with: "\n")
            response = try RawHTTPMessage(text: text, file: reader.file).response
        }
        headers = headers.map { TestTokens.expand($0, now: now) }
        let headerFields = headers.compactMap { line -> HeaderField? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmedSpaces())
        }
        var request = RequestEvidence(method: method, url: url, headers: headerFields)
        if let auth = headerFields.first("Authorization"), !auth.lowercased().hasPrefix("basic ") {
            request.token = JWTDecoder.evidence(authorization: auth, now: now)
        }
        let contentType = headerFields.first("Content-Type")
        if let bodyText {
            request.body = RequestBody(
                kind: "data",
                size: bodyText.utf8.count,
                contentType: contentType,
                preview: bodyText,
                multipartBoundary: CaseLoader.boundary(contentType)
            )
        } else if !form.isEmpty {
            request.body = RequestBody(
                kind: "multipart",
                size: 0,
                contentType: contentType,
                preview: nil,
                parts: form.map { MultipartPart(name: String($0.split(separator: "=").first ?? "")) },
                multipartBoundary: CaseLoader.boundary(contentType)
            )
        }
        var error: ProbeError?
        if let n = e["error"] {
            var kindText: String
            var message = ""
            var phase = "fixture"
            if case .scalar = n {
                kindText = try reader.string(n, "error")
            } else {
                let x = try reader.entries(n, "error", allowed: ["kind", "message", "phase", "os_errno", "curl_code"], required: ["kind"])
                kindText = try reader.string(x["kind"], "error kind")
                if let m = x["message"] { message = try reader.string(m, "message") }
                if let p = x["phase"] { phase = try reader.string(p, "phase") }
            }
            guard let kind = FailureKind(rawValue: kindText) else {
                throw reader.fail(n, "unknown failure kind '\(kindText)'\(Suggest.hint(kindText, in: FailureKind.allCases.map(\.rawValue)))")
            }
            error = ProbeError(kind: kind, message: message.isEmpty ? kind.summary : message, phase: phase)
        } else if let status = response?.status, status >= 400 {
            error = ProbeError(kind: .httpStatus, message: "\(status) \(response?.reason ?? "")", phase: "response")
        }
        let address = try e["address"].map { try reader.string($0, "address") } ?? "192.0.2.10"
        var probe = ProbeResult(
            address: address,
            family: try e["family"].map { try reader.string($0, "family") } ?? IPAddress.family(address),
            port: 443,
            sample: try e["sample"].map { Int(try reader.number($0, "sample")) } ?? 1,
            startedAt: Date(timeIntervalSince1970: Double(index)),
            verdict: error == nil ? .ok : .critical,
            timings: Timings(totalMs: 10),
            dns: nil,
            tls: nil,
            request: request,
            response: response,
            redirects: [],
            error: error
        )
        probe.dns = try e["dns"].map { try decode(DNSEvidence.self, $0, reader) }
        probe.tls = try e["tls"].map { try decode(TLSEvidence.self, $0, reader) }
        probe.redirects = try e["redirects"].map { try decode([RedirectHop].self, $0, reader) } ?? []
        if let t = e["timings"] { probe.timings = try decode(Timings.self, t, reader) }
        probe.followups = try e["followups"].map { try decode([FollowUp].self, $0, reader) } ?? []
        if error == nil, let days = probe.tls?.earliestExpiryDays, days < 14 { probe.verdict = .warning }
        return probe
    }

    static func boundary(_ contentType: String?) -> String? {
        guard let ct = contentType, ct.lowercased().hasPrefix("multipart/") else { return nil }
        return ct.split(separator: ";").dropFirst().compactMap { p -> String? in
            let kv = p.split(separator: "=", maxSplits: 1)
            return kv.count == 2 && String(kv[0]).trimmedSpaces().lowercased() == "boundary" ? String(kv[1]).trimmedSpaces() : nil
        }.first ?? ""
    }

    /// Evidence objects are written in the JSON output's snake_case form.
    static func decode<T: Decodable>(_ type: T.Type, _ node: Node, _ reader: YAMLReader) throws -> T {
        let value = try reader.value(node)
        let data = try JSONEncoder().encode(value)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(T.self, from: data) } catch {
            throw reader.fail(node, "does not match the \(T.self) evidence shape (docs/json-output.md): \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c): "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.valueNotFound(_, let c): "missing value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let c): "bad value at \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        default: "\(error)"
        }
    }
}
