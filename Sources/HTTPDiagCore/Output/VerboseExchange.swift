/// `-v`: the exchange as curl's verbose output shows it, from the evidence: `*` lines for
/// the connection, TLS and what happened, `>` for the request headers as libcurl sent them,
/// `<` for the response headers as they came. One block per address probed (its worst
/// sample); a block per redirect hop is a `*` summary (the evidence keeps the final hop's
/// headers only). Headers are the evidence's, redacted by name; the whole text goes out
/// through `OutputBoundary.pass` like every output.
public enum VerboseExchange {
    public static func render(_ report: CheckReport) -> String {
        let blocks = probesToShow(report)
        var lines: [String] = []
        for (n, index) in blocks.enumerated() {
            let probe = report.probes[index]
            if blocks.count > 1 {
                let address = probe.address.map { "\(IPAddress.bracketed($0)):\(probe.port)" } ?? "no address"
                lines.append("* probe \(n + 1) of \(blocks.count): \(address), sample \(probe.sample) (\(probe.verdict.rawValue))")
            }
            lines += exchange(probe, report: report)
        }
        return lines.joined(separator: "\n")
    }

    /// The index of each address's worst sample, in probe order; the exchange probe's address first.
    static func probesToShow(_ report: CheckReport) -> [Int] {
        var chosen: [String: Int] = [:]
        var order: [String] = []
        for (i, probe) in report.probes.enumerated() {
            let key = probe.address ?? ""
            if let j = chosen[key] {
                if probe.verdict > report.probes[j].verdict { chosen[key] = i }
            } else {
                chosen[key] = i
                order.append(key)
            }
        }
        return order.compactMap { chosen[$0] }
    }

    static func exchange(_ probe: ProbeResult, report: CheckReport) -> [String] {
        var lines: [String] = []
        let host = URLParts(probe.request.url).hostPort.hostOnly
        if let proxy = probe.request.proxy { lines.append("* Uses proxy \(proxy)") }
        for (i, hop) in probe.redirects.enumerated() {
            let at = hop.address.map { " (\($0))" } ?? ""
            let next = i + 1 < probe.redirects.count ? probe.redirects[i + 1].url : probe.request.url
            lines.append("* \(hop.url)\(at): \(hop.status) \(HTTPStatus.reason(hop.status)) in \(Format.ms(hop.totalMs)), Location: \(hop.location)")
            lines.append("* Issue another request to this URL: '\(next)'")
        }
        if let dns = probe.dns, !dns.addresses.isEmpty {
            lines.append("* Host \(dns.name):\(probe.port) was resolved (\(dns.source)).")
            let v6 = dns.addresses.filter { IPAddress.family($0) == "ipv6" }
            let v4 = dns.addresses.filter { IPAddress.family($0) == "ipv4" }
            lines.append("* IPv6: " + (v6.isEmpty ? "(none)" : v6.joined(separator: ", ")))
            lines.append("* IPv4: " + (v4.isEmpty ? "(none)" : v4.joined(separator: ", ")))
        }
        let failedBefore = probe.error.map { ["dns", "connect", "local"].contains($0.phase) } ?? false
        let connected = probe.response != nil || probe.tls != nil || !failedBefore
        if let address = probe.address {
            lines.append("*   Trying \(IPAddress.bracketed(address)):\(probe.port)...")
            if connected { lines.append("* Connected to \(host) (\(address)) port \(probe.port)") }
        }
        if let tls = probe.tls { lines += self.tls(tls, host: host) }
        // The request went out unless the probe failed before it (lookup, connect, TLS).
        let sent = probe.response != nil || probe.error.map { ["request", "response", "redirect"].contains($0.phase) } ?? true
        if !sent {
            if let error = probe.error { lines += failure(error) }
            return lines
        }
        lines += request(probe)
        if let body = probe.request.body, body.kind == "data" { lines.append("* upload completely sent off: \(body.size) bytes") }
        if let response = probe.response {
            lines.append("< \(response.httpVersion) \(response.status) \(response.reason)".trimmedSpaces())
            for h in response.headers { lines.append("< \(h.name): \(h.value)") }
            lines.append("< ")
            let truncated = response.bodyTruncated ? ", first \(response.body.utf8.count) kept as evidence" : ""
            lines.append("* \(response.bodySize) bytes of body received\(truncated)")
        }
        if let error = probe.error, error.kind != .httpStatus { lines += failure(error) }
        for followUp in probe.followups {
            lines.append("* follow-up \(followUp.kind.rawValue) to \(followUp.target): \(followUp.summary)")
        }
        lines.append("* Closing connection")
        return lines
    }

    static func request(_ probe: ProbeResult) -> [String] {
        let parts = URLParts(probe.request.url)
        var target = parts.path.isEmpty ? "/" : parts.path
        if let query = parts.query { target += "?" + query }
        // libcurl sends HTTP/1.1 unless HTTP/2 was agreed (the evidence keeps the headers, not the request line).
        let h2 = probe.tls?.alpn == "h2" || probe.response?.httpVersion.hasPrefix("HTTP/2") == true
        let version = h2 ? "HTTP/2" : "HTTP/1.1"
        var lines = ["> \(probe.request.method) \(target) \(version)"]
        for h in probe.request.headers { lines.append("> \(h.name): \(h.value)") }
        lines.append("> ")
        return lines
    }

    static func tls(_ tls: TLSEvidence, host: String) -> [String] {
        var lines: [String] = []
        if let version = tls.version {
            lines.append("* SSL connection using \(version)" + (tls.cipher.map { " / \($0)" } ?? ""))
        }
        if let alpn = tls.alpn, !alpn.isEmpty {
            lines.append("* ALPN: server accepted \(alpn)")
        } else if tls.version != nil {
            lines.append("* ALPN: server did not agree on a protocol. Uses default.")
        }
        if let alert = tls.alertReceived { lines.append("* TLS alert received: \(alert.code) \(alert.name)") }
        if let alert = tls.alertSent {
            lines.append("* TLS alert sent: \(alert.code) \(alert.name)" + (tls.alertSentReason.map { " (\($0))" } ?? ""))
        }
        if tls.clientCertificateRequested {
            lines.append("* The server asked for a client certificate" + (tls.clientCertificateSent ? "; one was sent" : "; none was sent"))
        }
        if let leaf = tls.chain.first {
            lines.append("* Server certificate" + (tls.chainFromUnverifiedHandshake ? " (read by a second, handshake-only connection):" : ":"))
            lines.append("*  subject: \(leaf.subject)")
            if let d = leaf.notBefore { lines.append("*  start date: \(curlDate(d))") }
            if let d = leaf.notAfter { lines.append("*  expire date: \(curlDate(d))") }
            if !leaf.sans.isEmpty { lines.append("*  subjectAltName: \(leaf.sans.joined(separator: ", "))") }
            if let matches = tls.hostnameMatches {
                lines.append(matches ? "*  subjectAltName: host \"\(host)\" matched cert's names" : "*  subjectAltName does not match \(host)")
            }
            lines.append("*  issuer: \(leaf.issuer)")
            for (i, cert) in tls.chain.enumerated().dropFirst() {
                lines.append("*  chain \(i): subject: \(cert.subject); issuer: \(cert.issuer)")
            }
        }
        if tls.verified {
            lines.append("*  SSL certificate verify ok.")
        } else if let result = tls.verifyResult, result != 0 {
            lines.append("*  SSL certificate problem: \(tls.verifyReason ?? "verification failed") (verify result \(result))")
        } else if tls.version != nil {
            lines.append("*  SSL certificate not verified (-k)")
        }
        return lines
    }

    static func failure(_ error: ProbeError) -> [String] {
        var lines = ["* \(error.message)"]
        let errno = error.osErrnoName.map { ", \($0)" } ?? ""
        lines.append("* httpdiag: (\(error.curlCode)) \(error.kind.rawValue) in \(error.phase)\(errno)")
        return lines
    }

    /// `Jan  1 00:00:00 2026 GMT`, as curl prints certificate dates.
    static func curlDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = months[(c.month ?? 1) - 1]
        let day = c.day ?? 1
        let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return "\(month) \(day < 10 ? " " : "")\(day) \(time) \(c.year ?? 1970) GMT"
    }
}
