/// What every probe of one check shares, and the probe itself: one address, one sample,
/// redirects followed hop by hop so that each is recorded and checked.
struct ProbeContext: Sendable {
    let options: ProbeOptions
    let target: TargetURL
    let redactor: Redactor
    let proxy: String?
    let plan: AddressPlan
    let now: @Sendable () -> Date

    func probe(address: String?, sample: Int) async -> ProbeResult { await run(address: address, sample: sample).result }

    /// One probe, and the URL its last hop went to (unredacted: follow-ups need it).
    /// Task cancellation stops the hop in flight; the probe then ends with a local result
    /// that says so (verdict unknown: nothing was learnt about the endpoint).
    func run(address: String?, sample: Int) async -> ProbeRun {
        let started = now()
        let deadline = MonotonicClock.now() + UInt64(options.maxTimeMs) * 1_000_000
        var url = target.text
        var method = options.effectiveMethod
        var headers = options.headers
        var body = options.body
        var multipart = options.multipart
        var userpwd = options.userpwd
        // Where the current hop goes: the first hop by the check's own plan, a redirect to
        // another host by that host's (see `route(to:address:cache:)`).
        var route = HopRoute(
            host: target.host,
            port: target.port,
            dns: plan.dns,
            pins: [],
            address: address,
            firstHost: true
        )
        var routes: [String: AddressPlan] = [:]
        var hops: [RedirectHop] = []
        // The URLs visited, as RedirectChain keys: made at the first redirect (most probes
        // have none, and the key costs a URL parse).
        var visited: [String] = []
        var redirectMs = 0.0
        var outcome: HopOutcome
        var error: ProbeError?

        while true {
            let remainingMs = Int((Int64(deadline) - Int64(MonotonicClock.now())) / 1_000_000)
            var request = hopRequest(
                url: url,
                method: method,
                headers: headers,
                body: body,
                multipart: multipart,
                userpwd: userpwd,
                route: route,
                remainingMs: max(remainingMs, 1)
            )
            if method == "HEAD" { request.nobody = true }
            do {
                outcome = try await HopTransfer.perform(request)
            } catch {
                return ProbeRun(
                    result: failedBeforeConnect(
                        ProbeError(kind: .localError, message: "\(error)", phase: "local"),
                        started: started,
                        address: address,
                        sample: sample
                    ),
                    finalURL: url
                )
            }
            if outcome.cancelled {
                let ms = MonotonicClock.millisecondsSince(deadline - UInt64(options.maxTimeMs) * 1_000_000)
                let failure = ProbeError(
                    kind: .localError,
                    message: "probe cancelled after \(Format.ms(ms)) (a deadline passed or the client went away): its transfer was stopped",
                    phase: "local"
                )
                var timings = outcome.timings
                timings.redirectMs = redirectMs
                timings.totalMs += redirectMs
                return ProbeRun(
                    result: failedBeforeConnect(
                        failure,
                        started: started,
                        address: address,
                        sample: sample,
                        timings: timings
                    ),
                    finalURL: url
                )
            }
            error = FailureClassifier.classify(
                outcome,
                scheme: URLParts(url).scheme.lowercased(),
                hasClientCert: options.tls.clientCert != nil
            )
            guard error == nil, options.followRedirects, let status = outcome.finalStatusLine?.status,
                [301, 302, 303, 307, 308].contains(status),
                let location = outcome.headers.first("Location")
            else { break }
            let next = outcome.redirectURL ?? location
            let nextScheme = URLParts(next).scheme.lowercased()
            if nextScheme != "http" && nextScheme != "https" {
                error = ProbeError(
                    kind: .redirectSchemeRefused,
                    message: "\(FailureKind.redirectSchemeRefused.summary): Location: \(redactor.url(location))",
                    phase: "redirect"
                )
                break
            }
            if visited.isEmpty { visited = [RedirectChain.key(url)] }
            let loopsBack = visited.contains(RedirectChain.key(next))
            if hops.count >= options.maxRedirects {
                error = ProbeError(
                    kind: .tooManyRedirects,
                    message: "\(FailureKind.tooManyRedirects.summary): more than \(options.maxRedirects); "
                        + RedirectChain.describe(visited: visited, next: next, redactor: redactor)
                        + " (last Location: \(redactor.url(location)))",
                    phase: "redirect"
                )
                break
            }
            hops.append(
                RedirectHop(
                    url: redactor.url(url),
                    status: status,
                    location: redactor.url(location),
                    address: outcome.primaryIP,
                    totalMs: outcome.timings.totalMs,
                    loopsBack: loopsBack
                )
            )
            visited.append(RedirectChain.key(next))
            redirectMs += outcome.timings.totalMs
            // curl's rules: 303 turns into GET; 301/302 turn POST into GET; 307/308 keep all.
            if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                if method != "HEAD" { method = "GET" }
                body = nil
                multipart = []
            }
            // Credentials stay with the origin that got them (RedirectPolicy: the one rule).
            if !RedirectPolicy.keepsCredentials(from: url, to: next) {
                headers = RedirectPolicy.headersForRedirect(headers, from: url, to: next)
                userpwd = nil
            }
            url = next
            switch await self.route(to: url, address: address, cache: &routes) {
            case .go(let r):
                route = r
            case .dnsFailed(let failure, let dns, let lookupMs, let hopTarget):
                // The name of this hop did not resolve: the failure is this hop's, with the
                // redirects before it and the time the lookup took.
                var failure = failure
                failure.message = redactor.scrub(failure.message + RedirectChain.context(hops))
                let timings = Timings(dnsMs: lookupMs, totalMs: redirectMs + lookupMs, redirectMs: redirectMs)
                return ProbeRun(
                    result: ProbeResult(
                        address: nil,
                        family: nil,
                        port: hopTarget.port,
                        sample: sample,
                        startedAt: started,
                        verdict: .critical,
                        timings: timings,
                        dns: dns,
                        tls: nil,
                        request: requestEvidence(
                            url: url,
                            method: method,
                            outcome: nil,
                            headers: headers,
                            body: body,
                            multipart: multipart
                        ),
                        response: nil,
                        redirects: hops,
                        error: failure
                    ),
                    finalURL: url
                )
            }
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
                unverified = await readChainWithoutVerification(url: url, route: route)
            }
            tls = TLSEvidenceBuilder.build(
                host: URLParts(url).hostPort.hostOnly,
                main: outcome,
                unverified: unverified,
                clientCertSent: options.tls.clientCert != nil,
                now: now()
            )
            if options.tls.insecure { tls?.verified = false }
            error = FailureClassifier.refine(error, tls: tls)
        }
        if var e = error {
            // A failure after redirects says which hop it happened on and how it got there.
            if !hops.isEmpty && e.phase != "redirect" && e.kind != .httpStatus { e.message += RedirectChain.context(hops) }
            e.message = redactor.scrub(e.message)
            error = e
        }
        let probeAddress = outcome.primaryIP ?? route.knownAddress
        return ProbeRun(
            result: ProbeResult(
                address: probeAddress,
                family: probeAddress.flatMap(IPAddress.family),
                port: outcome.primaryPort == 0 ? route.port : outcome.primaryPort,
                sample: sample,
                startedAt: started,
                verdict: verdict(error: error, tls: tls),
                timings: timings,
                dns: route.dns,
                tls: tls,
                request: requestEvidence(url: url, method: method, outcome: outcome, headers: headers, body: body, multipart: multipart),
                response: response,
                redirects: hops,
                error: error
            ),
            finalURL: url
        )
    }

    /// Where one hop connects: its host and port, the DNS evidence for its name, the
    /// CURLOPT_RESOLVE pins that send it to the addresses that evidence names, and the
    /// fan-out address of the probe when the hop goes to the check's own host.
    struct HopRoute {
        var host: String
        var port: Int
        var dns: DNSEvidence?
        var pins: [String]
        var address: String?
        /// The check's own host and port: the first hop's pins apply.
        var firstHost: Bool

        /// The address this hop is known to go to, when libcurl does not say (a failed connect).
        var knownAddress: String? {
            if let address { return address }
            if IPAddress.isLiteral(host) { return host }
            if pins.count == 1, let list = pins[0].split(separator: ":", maxSplits: 2).last,
                !list.contains(",")
            {
                return String(list).trimmingBrackets()
            }
            return nil
        }
    }

    enum RouteDecision {
        case go(HopRoute)
        case dnsFailed(ProbeError, DNSEvidence?, lookupMs: Double, target: TargetURL)
    }

    /// The route of a redirect hop to `url`. The check's own host keeps the probe's address
    /// (a fanned-out probe stays on its address, on any port); another name is resolved as
    /// the first was (the system resolver and direct queries, or `--dns-server`), so that
    /// a name that does not resolve fails on its own hop, with its own DNS evidence.
    func route(to url: String, address: String?, cache: inout [String: AddressPlan]) async -> RouteDecision {
        guard let hop = try? TargetURL(url) else {
            // libcurl will say what is wrong with it.
            return .go(HopRoute(host: URLParts(url).hostPort.hostOnly, port: 0, dns: nil, pins: [], address: nil, firstHost: false))
        }
        let sameHost = hop.host.lowercased().trimmingDot() == target.host.lowercased().trimmingDot()
        if sameHost {
            var pins: [String] = []
            if let address {
                pins = ["\(hop.host):\(hop.port):\(IPAddress.bracketed(address))"]
            } else if options.dnsServer != nil && !plan.addresses.isEmpty {
                pins = ["\(hop.host):\(hop.port):" + plan.addresses.map(IPAddress.bracketed).joined(separator: ",")]
            }
            return .go(
                HopRoute(
                    host: hop.host,
                    port: hop.port,
                    dns: plan.dns,
                    pins: pins,
                    address: address,
                    firstHost: hop.port == target.port
                )
            )
        }
        if IPAddress.isLiteral(hop.host) {
            return .go(HopRoute(host: hop.host, port: hop.port, dns: nil, pins: [], address: nil, firstHost: false))
        }
        let key = hop.host.lowercased()
        let hopPlan: AddressPlan
        if let cached = cache[key] {
            hopPlan = cached
        } else {
            hopPlan = await AddressPlanner.planWithoutBlocking(target: hop, options: options, proxy: ProxyEnvironment.proxy(for: hop))
        }
        cache[key] = hopPlan
        if let failure = hopPlan.failure {
            return .dnsFailed(failure, hopPlan.dns, lookupMs: hopPlan.lookupMs, target: hop)
        }
        let pins =
            hopPlan.resolved && !hopPlan.addresses.isEmpty
            ? ["\(hop.host):\(hop.port):" + hopPlan.addresses.map(IPAddress.bracketed).joined(separator: ",")] : []
        return .go(HopRoute(host: hop.host, port: hop.port, dns: hopPlan.dns, pins: pins, address: nil, firstHost: false))
    }

    func verdict(error: ProbeError?, tls: TLSEvidence?) -> Verdict {
        if error != nil { return .critical }
        if let days = tls?.earliestExpiryDays, days < Double(options.certWarnDays) { return .warning }
        return .ok
    }

    func hopRequest(
        url: String,
        method: String,
        headers: [String],
        body: [UInt8]?,
        multipart: [MultipartField],
        userpwd: String?,
        route: HopRoute,
        remainingMs: Int
    ) -> HopRequest {
        var resolve = options.resolve
        if route.firstHost, let address = route.address {
            // libcurl keeps the last entry for a host:port ("old addresses discarded"), so a
            // pin placed before the user's own --resolve list lost to it and every fanned-out
            // probe connected wherever that whole list led (IPv4 first). The pin goes last,
            // and the user's entries for the same host:port, now superseded, go.
            resolve.removeAll { AddressPlanner.resolveEntry($0, matches: target, wildcard: false) }
            resolve.append("\(target.host):\(target.port):\(IPAddress.bracketed(address))")
        } else if route.firstHost && options.dnsServer != nil && !plan.addresses.isEmpty {
            resolve.insert("\(target.host):\(target.port):" + plan.addresses.map(IPAddress.bracketed).joined(separator: ","), at: 0)
        } else if let hop = route.pins.isEmpty ? nil : try? TargetURL(url) {
            // A redirect hop pinned to the addresses its own lookup found (last: they win).
            resolve.removeAll { AddressPlanner.resolveEntry($0, matches: hop, wildcard: false) }
            resolve += route.pins
        }
        var request = HopRequest(options: options, url: url)
        request.method = method
        request.nobody = options.head || method == "HEAD"
        request.headers = headers
        request.body = body
        request.multipart = multipart
        request.userpwd = userpwd
        request.resolve = resolve
        request.connectTimeoutMs = min(options.connectTimeoutMs ?? options.maxTimeMs, remainingMs)
        request.totalTimeoutMs = remainingMs
        return request
    }

    /// A handshake only (no request is sent), verification off, to read the chain that
    /// failed verification. Credentials never go to an unverified peer.
    func readChainWithoutVerification(url: String, route: HopRoute) async -> HopOutcome? {
        var request = hopRequest(
            url: url,
            method: "GET",
            headers: [],
            body: nil,
            multipart: [],
            userpwd: nil,
            route: route,
            remainingMs: min(options.maxTimeMs, 5_000)
        )
        request.tls.insecure = true
        request.connectOnly = true
        return try? await HopTransfer.perform(request)
    }

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
            body: redactor.scrub(String(decoding: o.body, as: UTF8.self)),
            bodyTruncated: o.bodySize > o.body.count,
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
            headers = Self.lastHeaderBlock(sent).dropFirst().compactMap { line in
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

    /// The lines of the last non-empty block of `sent` (blocks end at CRLF CRLF, lines at
    /// CRLF), split on the bytes: libcurl's header text is ASCII.
    static func lastHeaderBlock(_ sent: String) -> [Substring] {
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
