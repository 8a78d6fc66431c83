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
            headers = SentHeaderBlock.lastLines(sent).dropFirst().compactMap { line in
                guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
                return HeaderField(name: String(line[..<colon]), value: String(line[line.utf8.index(after: colon)...]).trimmedSpaces())
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

/// The header block libcurl sent, split on its bytes.
enum SentHeaderBlock {
    /// The lines of the last non-empty block of `sent` (blocks end at CRLF CRLF, lines at
    /// CRLF), split on the bytes: libcurl's header text is ASCII.
    static func lastLines(_ sent: String) -> [Substring] {
        let u = sent.utf8
        var blockStart = u.startIndex
        var lastBlock: Range<String.Index>?
        var i = u.startIndex
        // Blocks between CRLF CRLF separators; the last non-empty one wins.
        while i < u.endIndex {
            if u[i] == 0x0D, let sep = Self.crlfcrlf(u, at: i) {
                if blockStart < i { lastBlock = blockStart..<i }
                i = sep
                blockStart = sep
                continue
            }
            i = u.index(after: i)
        }
        if blockStart < u.endIndex { lastBlock = blockStart..<u.endIndex }
        let block = lastBlock.map { sent[$0] } ?? Substring(sent)
        var lines: [Substring] = []
        let b = block.utf8
        var lineStart = b.startIndex
        var j = b.startIndex
        while j < b.endIndex {
            let next = b.index(after: j)
            if b[j] == 0x0D, next < b.endIndex, b[next] == 0x0A {
                if lineStart < j { lines.append(block[lineStart..<j]) }
                j = b.index(after: next)
                lineStart = j
                continue
            }
            j = next
        }
        if lineStart < b.endIndex { lines.append(block[lineStart...]) }
        return lines
    }

    /// The index after a CRLF CRLF starting at `i`, if there is one.
    private static func crlfcrlf(_ u: String.UTF8View, at i: String.Index) -> String.Index? {
        var k = i
        for expected: UInt8 in [0x0D, 0x0A, 0x0D, 0x0A] {
            guard k < u.endIndex, u[k] == expected else { return nil }
            k = u.index(after: k)
        }
        return k
    }
}
