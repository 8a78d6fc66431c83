/// One probe of one address and sample: what HTTPProber is asked.
struct HTTPProbeInput: Sendable {
    /// The check's DNS layer: where its host leads.
    var plan: AddressPlan
    /// The fanned-out address this probe is pinned to (nil: wherever the plan leads).
    var address: String?
    var sample: Int
}

/// The HTTP layer: one probe, redirects followed hop by hop so that each is recorded and
/// checked. Each hop is one libcurl transfer (TCP, TLS and HTTP in one exchange) whose
/// failure FailureClassifier reads layer by layer; a redirect to another host asks the DNS
/// prober for its addresses, and the last hop's TLS layer is the TLS prober's.
struct HTTPProber: LayerProber {
    static let layer = ProbeLayer.http

    func probe(_ input: HTTPProbeInput, context: ProbeContext) async -> LayerOutcome<ProbeRun> {
        let run = await RedirectWalk(context: context, plan: input.plan).run(address: input.address, sample: input.sample)
        return LayerOutcome(evidence: run, failure: run.result.error)
    }
}

/// One probe on its way through its hops: the check's context and its DNS plan.
struct RedirectWalk: Sendable {
    let context: ProbeContext
    let plan: AddressPlan

    var options: ProbeOptions { context.options }
    var target: TargetURL { context.target }
    var redactor: Redactor { context.redactor }
    var proxy: String? { context.proxy }
    func now() -> Date { context.now() }

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
        var request: HopRequest
        var outcome: HopOutcome
        var error: ProbeError?

        while true {
            let remainingMs = Int((Int64(deadline) - Int64(MonotonicClock.now())) / 1_000_000)
            request = hopRequest(
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
            let layer = await context.probers.tls.probe(HopExchange(request: request, outcome: outcome), context: context)
            tls = layer.evidence
            // The TLS layer's reading with the chain in hand is the sharper one (OpenSSL 3
            // reports a host name mismatch as "unspecified"): it stands for the hop's TLS failure.
            if error?.phase == "tls" { error = layer.failure ?? error }
        }
        if var e = error {
            // A failure after redirects says which hop it happened on and how it got there.
            if !hops.isEmpty && e.phase != "redirect" && e.kind != .httpStatus { e.message += RedirectChain.context(hops) }
            e.message = redactor.scrub(e.message)
            error = e
        }
        let probeAddress = outcome.primaryIP ?? route.knownAddress
        var result = ProbeResult(
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
        )
        if options.keepBody, response != nil { result.receivedBody = outcome.body }
        return ProbeRun(result: result, finalURL: url)
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
            hopPlan = await context.probers.dns.probe(
                DNSQuestion(target: hop, proxy: ProxyEnvironment.proxy(for: hop, options: options)),
                context: context
            ).evidence
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
