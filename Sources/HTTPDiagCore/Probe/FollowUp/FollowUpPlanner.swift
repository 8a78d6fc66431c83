/// Decides which follow-up probes separate the look-alike causes a failed probe leaves:
/// pure, from the evidence only (FollowUpRunner makes the requests).
enum FollowUpPlanner {
    /// At most this many follow-ups per check, whatever the evidence.
    static let maxPerCheck = 5

    enum Step: Equatable {
        case tlsHello
        case plainHTTP
        case spacedRetry(pauseMs: Int)
        case tcpConnect
        case otherFamily(address: String)
        case http2Request
    }

    /// The probe follow-ups are for: the first of the worst verdict (the one the verdict
    /// line reports and the playbooks diagnose), when it failed.
    static func primaryIndex(_ probes: [ProbeResult]) -> Int? {
        guard let worst = probes.map(\.verdict).max(), let i = probes.firstIndex(where: { $0.verdict == worst }),
            probes[i].error != nil
        else { return nil }
        return i
    }

    static func steps(
        primary: ProbeResult,
        finalURL: String,
        probes: [ProbeResult],
        plan: AddressPlan,
        proxied: Bool
    ) -> [Step] {
        // Through a proxy, or before any address (DNS), there is no "same host and port" to ask.
        guard let error = primary.error, !proxied, let address = primary.address else { return [] }
        let scheme = URLParts(finalURL).scheme.lowercased()
        var steps: [Step] = []
        let noResponse = primary.response == nil
        switch error.kind {
        case .emptyReply, .protocolError, .connectionReset:
            // Plain HTTP got nothing or garbage back: does the port speak TLS?
            if scheme == "http" && noResponse { steps.append(.tlsHello) }
            // HTTP/2 got nothing: libcurl hides the RST_STREAM or GOAWAY error code; ask once more ourselves.
            if scheme == "https" && noResponse && primary.tls?.alpn == "h2" { steps.append(.http2Request) }
        case .tlsPeerNotTLS:
            // TLS got a non-TLS answer: does the port speak plain HTTP?
            if scheme == "https" { steps.append(.plainHTTP) }
        case .connectTimeout, .timeout:
            // Where exactly did it stop: the TCP connect, or the answer? (Not a body that
            // stopped half-way: that answer already came.)
            if noResponse { steps.append(.tcpConnect) }
        case .httpStatus:
            let status = primary.response?.status ?? 0
            let succeededBefore = probes.contains { $0.error == nil }
            if [429, 503].contains(status) || (status == 502 && succeededBefore) {
                steps.append(.spacedRetry(pauseMs: pause(retryAfter: primary.response?.headers.first("Retry-After"))))
            }
        default:
            break
        }
        if let other = otherFamilyAddress(primary: address, finalURL: finalURL, probes: probes, plan: plan) {
            steps.append(.otherFamily(address: other))
        }
        return Array(steps.prefix(maxPerCheck))
    }

    /// 1 s, or Retry-After when it asks for at most 2 s (never less than 250 ms).
    static func pause(retryAfter: String?) -> Int {
        guard let text = retryAfter?.trimmedSpaces(), let seconds = Int(text), (0...2).contains(seconds) else { return 1_000 }
        return max(seconds * 1_000, 250)
    }

    /// An address of the other family that the name has and no probe tried. Fan-out already
    /// probes every address the prober connects by, so this is for what it did not: one
    /// address with --no-fanout, or the family getaddrinfo left out (AI_ADDRCONFIG) while
    /// the direct AAAA/A query has it.
    static func otherFamilyAddress(primary address: String, finalURL: String, probes: [ProbeResult], plan: AddressPlan) -> String? {
        guard let family = IPAddress.family(address), let dns = plan.dns,
            URLParts(finalURL).hostPort.hostOnly.lowercased() == dns.name.lowercased()
        else { return nil }
        let probed = Set(probes.compactMap(\.address))
        let known =
            plan.addresses + dns.addresses + (dns.system?.addresses ?? [])
            + dns.queries.flatMap { $0.answers.filter { $0.type == "A" || $0.type == "AAAA" }.map(\.data) }
        return known.first { IPAddress.family($0) != nil && IPAddress.family($0) != family && !probed.contains($0) }
    }
}
