import Foundation

/// The evidence of a probe's HTTP exchange: what was sent (as libcurl sent it, redacted),
/// what came back, and the probe that never got to send anything.
extension RedirectWalk {
    func responseEvidence(_ o: HopOutcome) -> ResponseEvidence? {
        // Only interim (1xx) responses came: there is no response to show.
        guard let line = o.finalStatusLine else { return nil }
        let headers = redactor.headers(o.headers)
        return ResponseEvidence(
            httpVersion: line.version,
            status: line.status,
            reason: line.reason.isEmpty ? HTTPStatus.reason(line.status) : line.reason,
            headers: headers,
            contentType: o.headers.first("Content-Type"),
            contentEncoding: o.headers.first("Content-Encoding"),
            bodySize: o.bodySize,
            body: redactor.scrub(String(decoding: o.body.prefix(options.captureBytes), as: UTF8.self)),
            bodyTruncated: o.bodySize > min(o.body.count, options.captureBytes),
            remoteAddress: o.primaryIP,
            remotePort: o.primaryPort == 0 ? nil : o.primaryPort
        )
    }

    func requestEvidence(
        url: String,
        method: String,
        outcome: HopOutcome?,
        headers sentLines: [String]? = nil,
        body: [UInt8]?,
        multipart: [MultipartField]
    ) -> RequestEvidence {
        var headers: [HeaderField]
        if let sent = outcome?.sentHeaderText, !sent.isEmpty {
            // The last header block libcurl sent (a 100-continue or auth retry can send several).
            let block = sent.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? sent
            headers = block.split(separator: "\r\n").dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmedSpaces())
            }
        } else {
            headers = (sentLines ?? options.headers).compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmedSpaces())
            }
        }
        let token = headers.first("Authorization").flatMap { value -> TokenEvidence? in
            value.lowercased().hasPrefix("basic ") ? nil : JWTDecoder.evidence(authorization: value, now: now())
        }
        let contentType = headers.first("Content-Type")
        var requestBody: RequestBody?
        if let body {
            let preview = redactor.scrub(String(decoding: body.prefix(4096), as: UTF8.self))
            requestBody = RequestBody(
                kind: "data",
                size: body.count,
                contentType: contentType,
                preview: preview,
                parts: nil,
                multipartBoundary: MultipartInspector.boundary(contentType)
            )
        } else if !multipart.isEmpty {
            requestBody = RequestBody(
                kind: "multipart",
                size: 0,
                contentType: contentType,
                preview: nil,
                parts: multipart.map(MultipartInspector.describe),
                multipartBoundary: MultipartInspector.boundary(contentType)
            )
        }
        return RequestEvidence(
            method: method,
            url: redactor.url(url),
            headers: redactor.headers(headers),
            body: requestBody,
            token: token,
            proxy: proxy
        )
    }

    func failedBeforeConnect(
        _ failure: ProbeError,
        started: Date,
        address: String? = nil,
        sample: Int = 1,
        timings: Timings = Timings()
    ) -> ProbeResult {
        ProbeResult(
            address: address,
            family: address.flatMap(IPAddress.family),
            port: target.port,
            sample: sample,
            startedAt: started,
            verdict: failure.kind == .localError ? .unknown : .critical,
            timings: timings,
            dns: plan.dns,
            tls: nil,
            request: requestEvidence(
                url: target.text,
                method: options.effectiveMethod,
                outcome: nil,
                body: options.body,
                multipart: options.multipart
            ),
            response: nil,
            redirects: [],
            error: failure
        )
    }
}
