/// What every probe of one check shares, and the probe itself: one address, one sample,
/// redirects followed hop by hop so that each is recorded and checked.
struct ProbeContext: Sendable {
    let options: ProbeOptions
    let target: TargetURL
    let redactor: Redactor
    let proxy: String?
    let plan: AddressPlan
    let now: @Sendable () -> Date

    func probe(address: String?, sample: Int) -> ProbeResult { run(address: address, sample: sample).result }

    /// One probe, and the URL its last hop went to (unredacted: follow-ups need it).
    func run(address: String?, sample: Int) -> ProbeRun {
        let started = now()
        let deadline = MonotonicClock.now() + UInt64(options.maxTimeMs) * 1_000_000
        var url = target.text
        var method = options.effectiveMethod
        var headers = options.headers
        var body = options.body
        var multipart = options.multipart
        var userpwd = options.userpwd
        var sameOrigin = true
        var hops: [RedirectHop] = []
        var redirectMs = 0.0
        var outcome: HopOutcome
        var error: ProbeError?

        while true {
            let remainingMs = Int((Int64(deadline) - Int64(MonotonicClock.now())) / 1_000_000)
            var request = hopRequest(url: url, method: method, headers: headers, body: body, multipart: multipart,
                                     userpwd: userpwd, address: sameOrigin ? address : nil,
                                     remainingMs: max(remainingMs, 1))
            if method == "HEAD" { request.nobody = true }
            do {
                outcome = try HopTransfer.perform(request)
            } catch {
                return ProbeRun(result: failedBeforeConnect(ProbeError(kind: .localError, message: "\(error)", phase: "local"),
                                                            started: started, address: address, sample: sample),
                                finalURL: url)
            }
            error = FailureClassifier.classify(outcome, scheme: URLParts(url).scheme.lowercased(),
                                               hasClientCert: options.tls.clientCert != nil)
            guard error == nil, options.followRedirects, let status = outcome.statusLine?.status,
                  [301, 302, 303, 307, 308].contains(status),
                  let location = outcome.headers.first("Location") else { break }
            let next = outcome.redirectURL ?? location
            let nextScheme = URLParts(next).scheme.lowercased()
            if nextScheme != "http" && nextScheme != "https" {
                error = ProbeError(kind: .redirectSchemeRefused,
                                   message: "\(FailureKind.redirectSchemeRefused.summary): Location: \(redactor.url(location))",
                                   phase: "redirect")
                break
            }
            if hops.count >= options.maxRedirects {
                error = ProbeError(kind: .tooManyRedirects,
                                   message: "\(FailureKind.tooManyRedirects.summary): more than \(options.maxRedirects) (last Location: \(redactor.url(location)))",
                                   phase: "redirect")
                break
            }
            hops.append(RedirectHop(url: redactor.url(url), status: status, location: redactor.url(location),
                                    address: outcome.primaryIP, totalMs: outcome.timings.totalMs))
            redirectMs += outcome.timings.totalMs
            // curl's rules: 303 turns into GET; 301/302 turn POST into GET; 307/308 keep all.
            if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                if method != "HEAD" { method = "GET" }
                body = nil
                multipart = []
            }
            let nextParts = URLParts(next), currentParts = URLParts(url)
            if nextParts.hostPort.lowercased() != currentParts.hostPort.lowercased() || nextParts.scheme != currentParts.scheme {
                // Like curl without --location-trusted: credentials stay with the origin that got them.
                headers.removeAll { h in
                    let name = h.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                    return name == "authorization" || name == "cookie" || name == "proxy-authorization"
                }
                userpwd = nil
            }
            sameOrigin = sameOrigin && URLParts(next).hostPort.lowercased() == URLParts(target.text).hostPort.lowercased()
            url = next
        }

        var timings = outcome.timings
        timings.redirectMs = redirectMs
        timings.totalMs += redirectMs
        let response = responseEvidence(outcome)
        if error == nil, let status = response?.status, status >= 400 {
            error = ProbeError(kind: .httpStatus, message: "\(status) \(response?.reason ?? "")".trimmedSpaces(), phase: "response")
        }
        var tls: TLSEvidence?
        if URLParts(url).scheme.lowercased() == "https" && outcome.connected {
            var unverified: HopOutcome?
            if outcome.curlCode == FailureClassifier.peerFailedVerification {
                unverified = readChainWithoutVerification(url: url, address: sameOrigin ? address : nil)
            }
            tls = TLSEvidenceBuilder.build(host: URLParts(url).hostPort.hostOnly, main: outcome, unverified: unverified,
                                           clientCertSent: options.tls.clientCert != nil, now: now())
            if options.tls.insecure { tls?.verified = false }
            error = FailureClassifier.refine(error, tls: tls)
        }
        if let e = error { error?.message = redactor.scrub(e.message) }
        let probeAddress = outcome.primaryIP ?? address ?? (IPAddress.isLiteral(target.host) ? target.host : nil)
        return ProbeRun(result: ProbeResult(
            address: probeAddress, family: probeAddress.flatMap(IPAddress.family), port: outcome.primaryPort == 0 ? target.port : outcome.primaryPort,
            sample: sample, startedAt: started,
            verdict: verdict(error: error, tls: tls),
            timings: timings, dns: plan.dns, tls: tls,
            request: requestEvidence(url: url, method: method, outcome: outcome, body: body, multipart: multipart),
            response: response, redirects: hops, error: error), finalURL: url)
    }

    func verdict(error: ProbeError?, tls: TLSEvidence?) -> Verdict {
        if error != nil { return .critical }
        if let days = tls?.earliestExpiryDays, days < Double(options.certWarnDays) { return .warning }
        return .ok
    }

    func hopRequest(url: String, method: String, headers: [String], body: [UInt8]?, multipart: [MultipartField],
                    userpwd: String?, address: String?, remainingMs: Int) -> HopRequest {
        var resolve = options.resolve
        if let address {
            // libcurl keeps the last entry for a host:port ("old addresses discarded"), so a
            // pin placed before the user's own --resolve list lost to it and every fanned-out
            // probe connected wherever that whole list led (IPv4 first). The pin goes last,
            // and the user's entries for the same host:port, now superseded, go.
            resolve.removeAll { AddressPlanner.resolveEntry($0, matches: target, wildcard: false) }
            resolve.append("\(target.host):\(target.port):\(IPAddress.bracketed(address))")
        } else if options.dnsServer != nil && !plan.addresses.isEmpty {
            resolve.insert("\(target.host):\(target.port):" + plan.addresses.map(IPAddress.bracketed).joined(separator: ","), at: 0)
        }
        return HopRequest(
            url: url, method: method, nobody: options.head || method == "HEAD", headers: headers, body: body,
            multipart: multipart, userpwd: userpwd, resolve: resolve, connectTo: options.connectTo,
            httpVersion: options.httpVersion, tls: options.tls,
            connectTimeoutMs: min(options.connectTimeoutMs ?? options.maxTimeMs, remainingMs),
            totalTimeoutMs: remainingMs, captureLimit: options.captureBytes, maxDownload: options.maxDownloadBytes,
            compressed: options.compressed, userAgent: options.userAgent)
    }

    /// A handshake only (no request is sent), verification off, to read the chain that
    /// failed verification. Credentials never go to an unverified peer.
    func readChainWithoutVerification(url: String, address: String?) -> HopOutcome? {
        var request = hopRequest(url: url, method: "GET", headers: [], body: nil, multipart: [], userpwd: nil,
                                 address: address, remainingMs: min(options.maxTimeMs, 5_000))
        request.tls.insecure = true
        request.connectOnly = true
        return try? HopTransfer.perform(request)
    }

    func responseEvidence(_ o: HopOutcome) -> ResponseEvidence? {
        guard let line = o.statusLine else { return nil }
        let headers = redactor.headers(o.headers)
        return ResponseEvidence(
            httpVersion: line.version, status: line.status, reason: line.reason.isEmpty ? HTTPStatus.reason(line.status) : line.reason,
            headers: headers, contentType: o.headers.first("Content-Type"), contentEncoding: o.headers.first("Content-Encoding"),
            bodySize: o.bodySize, body: redactor.scrub(String(decoding: o.body, as: UTF8.self)),
            bodyTruncated: o.bodySize > o.body.count, remoteAddress: o.primaryIP,
            remotePort: o.primaryPort == 0 ? nil : o.primaryPort)
    }

    func requestEvidence(url: String, method: String, outcome: HopOutcome?, body: [UInt8]?, multipart: [MultipartField]) -> RequestEvidence {
        var headers: [HeaderField]
        if let sent = outcome?.sentHeaderText, !sent.isEmpty {
            // The last header block libcurl sent (a 100-continue or auth retry can send several).
            let block = sent.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? sent
            headers = block.split(separator: "\r\n").dropFirst().compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmedSpaces())
            }
        } else {
            headers = options.headers.compactMap { line in
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
            requestBody = RequestBody(kind: "data", size: body.count, contentType: contentType, preview: preview,
                                      parts: nil, multipartBoundary: MultipartInspector.boundary(contentType))
        } else if !multipart.isEmpty {
            requestBody = RequestBody(kind: "multipart", size: 0, contentType: contentType, preview: nil,
                                      parts: multipart.map(MultipartInspector.describe),
                                      multipartBoundary: MultipartInspector.boundary(contentType))
        }
        return RequestEvidence(method: method, url: redactor.url(url), headers: redactor.headers(headers),
                               body: requestBody, token: token, proxy: proxy)
    }

    func failedBeforeConnect(_ failure: ProbeError, started: Date, address: String? = nil, sample: Int = 1) -> ProbeResult {
        ProbeResult(address: address, family: address.flatMap(IPAddress.family), port: target.port, sample: sample,
                    startedAt: started, verdict: failure.kind == .localError ? .unknown : .critical, timings: Timings(),
                    dns: plan.dns, tls: nil,
                    request: requestEvidence(url: target.text, method: options.effectiveMethod, outcome: nil,
                                             body: options.body, multipart: options.multipart),
                    response: nil, redirects: [], error: failure)
    }
}

/// A probe's result and the URL of its last hop (the redirect target it ended on).
struct ProbeRun: Sendable {
    var result: ProbeResult
    var finalURL: String
}

extension String {
    /// `host:port` or `[v6]:port` → host.
    public var hostOnly: String {
        if hasPrefix("["), let end = firstIndex(of: "]") { return String(self[index(after: startIndex)..<end]) }
        return split(separator: ":").first.map(String.init) ?? self
    }
}
