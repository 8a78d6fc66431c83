import HTTPDiagCore

/// The evidence paths a `field:` condition may name: every path of a fully populated
/// probe, encoded exactly as the JSON output encodes it (so the two never drift).
enum FieldCatalog {
    static let knownPaths: Set<String> = {
        let data = (try? JSONReport.encoder().encode(example)) ?? Data()
        guard let tree = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [] }
        var paths = Set<String>()
        collect(tree, prefix: "", into: &paths)
        return paths
    }()

    static func collect(_ node: JSONValue, prefix: String, into paths: inout Set<String>) {
        switch node {
        case .object(let o):
            for (k, v) in o {
                let p = prefix.isEmpty ? k : prefix + "." + k
                paths.insert(p)
                collect(v, prefix: p, into: &paths)
            }
        case .array(let a):
            paths.insert(prefix + "[]")
            for v in a { collect(v, prefix: prefix + "[]", into: &paths) }
        default: break
        }
    }

    static let example: ProbeResult = {
        let date = Date(timeIntervalSince1970: 0)
        let cert = CertificateInfo(
            subject: "s",
            issuer: "i",
            sans: ["DNS:x"],
            notBefore: date,
            notAfter: date,
            daysLeft: 1,
            serial: "1",
            signatureAlgorithm: "a",
            publicKeyAlgorithm: "k",
            selfSigned: false
        )
        let record = DNSRecord(name: "n", type: "A", ttl: 1, data: "d")
        let dns = DNSEvidence(
            name: "n",
            source: "system",
            server: "system",
            addresses: ["a"],
            system: SystemLookup(addresses: ["a"], error: "e", durationMs: 1),
            queries: [DNSQuery(type: "A", rcode: "NOERROR", authoritative: true, durationMs: 1, answers: [record], error: "e")],
            cnameChain: [CNAMELink(name: "n", target: "t", ttl: 1)]
        )
        let tls = TLSEvidence(
            version: "v",
            cipher: "c",
            alpn: "a",
            verified: true,
            verifyResult: 0,
            verifyReason: "r",
            hostnameMatches: true,
            clientCertificateRequested: true,
            clientCertificateSent: true,
            alertReceived: TLSAlert(code: 1, name: "n"),
            chain: [cert],
            earliestExpiryDays: 1,
            chainFromUnverifiedHandshake: false,
            alertSent: TLSAlert(code: 1, name: "n")
        )
        var token = TokenEvidence(format: "jwt", scheme: "Bearer", length: 1)
        token.alg = "a"
        token.kid = "k"
        token.tokenUse = "id"
        token.aud = ["a"]
        token.clientId = "c"
        token.iss = "i"
        token.scope = "s"
        token.exp = date
        token.iat = date
        token.expired = true
        token.expiresInSeconds = 1
        let body = RequestBody(
            kind: "data",
            size: 1,
            contentType: "c",
            preview: "p",
            parts: [MultipartPart(name: "n", filename: "f", contentType: "c", size: 1)],
            multipartBoundary: "b"
        )
        let request = RequestEvidence(
            method: "GET",
            url: "u",
            headers: [HeaderField(name: "n", value: "v")],
            body: body,
            token: token,
            proxy: "p"
        )
        let response = ResponseEvidence(
            httpVersion: "HTTP/1.1",
            status: 200,
            reason: "OK",
            headers: [HeaderField(name: "n", value: "v")],
            contentType: "c",
            contentEncoding: "e",
            bodySize: 1,
            body: "b",
            bodyTruncated: false,
            remoteAddress: "a",
            remotePort: 1
        )
        return ProbeResult(
            address: "a",
            family: "ipv4",
            port: 1,
            sample: 1,
            startedAt: date,
            verdict: .ok,
            timings: Timings(),
            dns: dns,
            tls: tls,
            request: request,
            response: response,
            redirects: [RedirectHop(url: "u", status: 301, location: "l", address: "a", totalMs: 1)],
            error: ProbeError(kind: .timeout, message: "m", curlCode: 1, osErrno: 1, phase: "p"),
            followups: [
                FollowUp(
                    kind: .tlsHello,
                    target: "a:1",
                    startedAt: date,
                    durationMs: 1,
                    outcome: "o",
                    status: 1,
                    finding: "f",
                    summary: "s"
                )
            ]
        )
    }()
}
