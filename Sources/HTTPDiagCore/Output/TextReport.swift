/// Text for humans (the default). Line 1 is the verdict and its reason; in the
/// monitoring-plugins form, with performance data after `|` (`perfdata`: what Nagios,
/// Icinga and Sensu read when they run `httpdiag check`; a terminal leaves it out).
public enum TextReport {
    public static func render(_ report: CheckReport, style: Style, perfdata: Bool = true) -> String {
        var lines = [verdictLine(report, style: style, perfdata: perfdata)]
        var shown = Set<String>()
        if let top = report.diagnoses.first {
            lines.append("  cause: \(style.bold(top.id)) (\(Int((top.confidence * 100).rounded()))%) \(top.title)")
            if let explanation = top.evidence.first { lines.append("  " + sanitize(explanation)) }
            // The evidence in full colour (it is the answer), each fact once.
            var seen: Set<String> = [top.evidence.first ?? ""]
            for e in top.evidence.dropFirst() where seen.insert(e).inserted {
                guard seen.count <= 5 else { break }
                lines.append("    · " + sanitize(e))
                shown.insert(e)
            }
            if let fix = top.remediation.first {
                // The whole first step: a policy or a command block is useless cut after its first line.
                // Markdown fences mean nothing on a terminal: the block is shown indented.
                var stepLines = sanitizeKeepingLines(fix).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !$0.trimmedSpaces().hasPrefix("```") }
                while let last = stepLines.last, last.trimmedSpaces().isEmpty { stepLines.removeLast() }
                let more = style.dim("   (all steps: httpdiag explain \(top.id))")
                if stepLines.count <= 1 {
                    lines.append("  fix: " + (stepLines.first ?? "") + more)
                } else {
                    lines.append("  fix: " + stepLines[0])
                    for l in stepLines.dropFirst() { lines.append("       " + l) }
                    lines.append("      " + more)
                }
            }
            let others = report.diagnoses.dropFirst().prefix(3).map { "\($0.id) \(Int(($0.confidence * 100).rounded()))%" }
            if !others.isEmpty { lines.append(style.dim("  also possible: " + others.joined(separator: ", "))) }
            for tell in top.tellApart ?? [] { lines.append(style.dim("    " + sanitize(tell))) }
            if !report.hops.isEmpty {
                lines.append(
                    style.dim(
                        "  hops: " + report.hops.map { $0.name + ($0.generatedResponse ? "*" : "") }.joined(separator: " → ") + "  (* answered)"
                    )
                )
            }
        }
        lines.append("")
        let groups = addressGroups(report.probes)
        if groups.contains(where: { $0.count > 1 }) {
            // Samples: one summary per address (statuses, p50/p95 per phase) and the
            // details of one sample, the first with the address's worst verdict.
            var previousTLS: [String]?
            for (g, probes) in groups.enumerated() {
                let first = probes[0]
                let where_ = first.address.map { "\(IPAddress.bracketed($0)):\(first.port)" } ?? report.target.host
                let shown_ = probes.first { $0.verdict == probes.map(\.verdict).max() } ?? first
                lines.append(style.bold("── \(where_), \(probes.count) samples: ") + histogram(probes))
                lines += percentiles(probes, style: style)
                lines.append(style.bold("   sample \(shown_.sample): ") + style.verdict(shown_.verdict) + " " + VerdictReason.outcome(shown_))
                lines += block(
                    shown_,
                    style: style,
                    showDNS: g == 0,
                    waterfall: false,
                    shown: shown,
                    previousTLS: &previousTLS
                )
                lines.append("")
            }
            return lines.joined(separator: "\n")
        }
        let showHeading = report.probes.count > 1
        var previousTLS: [String]?
        for probe in report.probes {
            if showHeading {
                let where_ = probe.address.map { "\(IPAddress.bracketed($0)):\(probe.port)" } ?? report.target.host
                lines.append(
                    style.bold("── \(where_), sample \(probe.sample): ") + style.verdict(probe.verdict)
                        + " " + VerdictReason.outcome(probe)
                )
            }
            lines += block(
                probe,
                style: style,
                showDNS: probe.sample == 1 && probe.address == report.probes.first?.address,
                shown: shown,
                previousTLS: &previousTLS
            )
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func verdictLine(_ report: CheckReport, style: Style, perfdata: Bool = true) -> String {
        let probe = report.probes.first { $0.verdict == report.verdict } ?? report.probes.first
        var perf: [String] = []
        if perfdata, let t = probe?.timings {
            perf = [
                "time_total=\(Format.seconds(t.totalMs));;;", "time_namelookup=\(Format.seconds(t.dnsMs));;;",
                "time_connect=\(Format.seconds(t.connectMs));;;", "time_tls=\(Format.seconds(t.tlsMs));;;",
                "time_firstbyte=\(Format.seconds(t.firstByteMs));;;",
            ]
            if let size = probe?.response?.bodySize { perf.append("size=\(size)B;;;") }
        }
        return style.verdict(report.verdict) + ": " + report.reason + (perf.isEmpty ? "" : " | " + perf.joined(separator: " "))
    }

    /// The probes by address, in the order the addresses first appear.
    static func addressGroups(_ probes: [ProbeResult]) -> [[ProbeResult]] {
        var order: [String] = []
        var groups: [String: [ProbeResult]] = [:]
        for p in probes {
            let key = (p.address ?? "") + ":\(p.port)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        return order.compactMap { groups[$0] }
    }

    /// `2× 200 OK, 1× 502 Bad Gateway`: the outcomes of the samples, most frequent first.
    static func histogram(_ probes: [ProbeResult]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for p in probes {
            let o = VerdictReason.outcome(p)
            if counts[o] == nil { order.append(o) }
            counts[o, default: 0] += 1
        }
        return order.sorted { counts[$0]! > counts[$1]! }.map { "\(counts[$0]!)× \($0)" }.joined(separator: ", ")
    }

    /// The p50 and p95 of each phase over the samples (nearest rank), one row each.
    static func percentiles(_ probes: [ProbeResult], style: Style) -> [String] {
        var lines = ["  " + Waterfall.pad("", 18) + Waterfall.leftPad("p50", 11) + Waterfall.leftPad("p95", 13)]
        let names = probes[0].timings.phases.map(\.0)
        for name in names {
            let values = probes.map { p in p.timings.phases.first { $0.0 == name }?.1 ?? 0 }
            guard values.contains(where: { $0 > 0 }) else { continue }
            lines.append(
                "  " + Waterfall.pad(Waterfall.labels[name] ?? name, 18) + Waterfall.leftPad(Format.ms(percentile(values, 50)), 11)
                    + Waterfall.leftPad(Format.ms(percentile(values, 95)), 13)
            )
        }
        let totals = probes.map(\.timings.totalMs)
        lines.append(
            "  " + Waterfall.pad("Total", 18) + Waterfall.leftPad(Format.ms(percentile(totals, 50)), 11)
                + Waterfall.leftPad(Format.ms(percentile(totals, 95)), 13)
        )
        return lines
    }

    /// Nearest-rank percentile (p in 0...100) of a non-empty list.
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func block(
        _ p: ProbeResult,
        style: Style,
        showDNS: Bool,
        waterfall: Bool = true,
        shown: Set<String> = [],
        previousTLS: inout [String]?
    ) -> [String] {
        var lines: [String] = []
        if let e = p.error, e.kind != .httpStatus {
            // Said once: when the cause already quotes the error, only where it happened.
            if shown.contains("failure \(e.kind.rawValue): \(e.message)") {
                lines.append(
                    "  " + style.red("error") + " \(e.kind.rawValue)"
                        + style.dim(" (above): phase \(e.phase), curl code \(e.curlCode)" + (e.osErrno.map { ", errno \($0)" } ?? ""))
                )
            } else {
                lines.append("  " + style.red("error") + " \(e.kind.rawValue): \(e.message)")
                lines.append(style.dim("        phase \(e.phase), curl code \(e.curlCode)" + (e.osErrno.map { ", errno \($0)" } ?? "")))
            }
        }
        for f in p.followups {
            let line = "follow-up \(f.kind.rawValue) \(f.target) → \(f.finding): " + f.summary
            if shown.contains(line) { continue }  // the cause quotes it already
            lines.append(
                "  " + style.bold("follow-up") + " \(f.kind.rawValue) \(f.target) → \(style.bold(f.finding)): " + sanitize(f.summary)
                    + style.dim("  \(Format.ms(f.durationMs))")
            )
        }
        if showDNS, let dns = p.dns { lines += dnsLines(dns, style: style) }
        if waterfall, p.timings.totalMs > 0 { lines += Waterfall.render(p.timings, style: style) }
        for hop in p.redirects {
            lines.append("  " + style.dim("redirect") + " \(hop.status) \(hop.url) → \(hop.location)")
        }
        if let tls = p.tls {
            let tlsText = tlsLines(tls, style: style)
            // Every address of a fan-out usually shows the same chain: once is enough.
            if let previousTLS, previousTLS == tlsText, tlsText.count > 1 {
                lines.append(tlsText[0])
                lines.append(style.dim("    (the same chain as above)"))
            } else {
                lines += tlsText
            }
            previousTLS = tlsText
        }
        if let r = p.response { lines += responseLines(r, request: p.request, style: style) }
        return lines
    }

    static func dnsLines(_ dns: DNSEvidence, style: Style) -> [String] {
        var lines = ["  " + style.bold("DNS") + " \(dns.name) (\(dns.source)\(dns.server.map { ", queried \($0)" } ?? ""))"]
        for link in dns.cnameChain { lines.append("    CNAME \(link.name) → \(link.target) ttl=\(link.ttl)") }
        for q in dns.queries {
            let answers = q.answers.filter { $0.type == q.type }.map { "\($0.data) ttl=\($0.ttl)" }
            lines.append(
                "    \(Waterfall.pad(q.type, 5)) \(q.rcode)\(answers.isEmpty ? "" : "  " + answers.joined(separator: ", "))"
                    + style.dim("  \(Format.ms(q.durationMs))")
            )
        }
        if let s = dns.system {
            lines.append("    system resolver: " + (s.error ?? s.addresses.joined(separator: ", ")) + style.dim("  \(Format.ms(s.durationMs))"))
        }
        return lines
    }

    static func tlsLines(_ tls: TLSEvidence, style: Style) -> [String] {
        var head = "  " + style.bold("TLS") + " \(tls.version ?? "no handshake") \(tls.cipher ?? "")"
        if let alpn = tls.alpn { head += " alpn=\(alpn)" }
        head += tls.verified ? " " + style.green("verified") : " " + style.red("not verified") + (tls.verifyReason.map { " (\($0))" } ?? "")
        var lines = [head]
        if let alert = tls.alertReceived { lines.append("    server sent alert \(alert.code) \(alert.name)") }
        if let alert = tls.alertSent { lines.append("    httpdiag sent alert \(alert.code) \(alert.name)") }
        if tls.clientCertificateRequested {
            lines.append("    server requested a client certificate; " + (tls.clientCertificateSent ? "one was sent" : "none was sent"))
        }
        for (i, cert) in tls.chain.enumerated() {
            let days =
                cert.daysLeft.map { d -> String in
                    let text = "\(Int(d.rounded(.down))) days left"
                    return d < 0 ? style.red("expired \(Int(-d.rounded(.up))) days ago") : d < 14 ? style.yellow(text) : text
                } ?? ""
            lines.append("    [\(i)] \(cert.subject)")
            lines.append("        issuer \(cert.issuer)\(cert.selfSigned ? " (self-signed)" : "")")
            lines.append("        valid \(Format.date(cert.notBefore)) → \(Format.date(cert.notAfter))  \(days)")
            if i == 0, !cert.sans.isEmpty {
                lines.append(
                    "        SANs \(cert.sans.prefix(8).joined(separator: ", "))\(cert.sans.count > 8 ? " (+\(cert.sans.count - 8))" : "")"
                        + (tls.hostnameMatches == false ? style.red("  (host not covered)") : "")
                )
            }
        }
        if tls.chainFromUnverifiedHandshake { lines.append(style.dim("    chain read by a handshake-only retry without verification")) }
        return lines
    }

    static let notable: Set<String> = [
        "server", "via", "content-type", "content-length", "location", "retry-after", "www-authenticate",
        "x-cache", "x-amz-cf-pop", "x-amz-cf-id", "x-amzn-requestid", "x-amzn-errortype", "x-amz-apigw-id",
        "x-amz-request-id", "x-amz-id-2", "cf-ray", "x-request-id", "set-cookie", "cache-control", "age",
        "strict-transport-security", "x-envoy-upstream-service-time", "alt-svc",
    ]

    static func responseLines(_ r: ResponseEvidence, request: RequestEvidence, style: Style) -> [String] {
        let statusText = "\(r.httpVersion) \(r.status) \(r.reason)"
        let colored = r.status >= 400 ? style.red(statusText) : r.status >= 300 ? style.yellow(statusText) : style.green(statusText)
        var lines = ["  " + style.bold("HTTP") + " \(request.method) \(request.url) → " + colored]
        for h in r.headers where notable.contains(h.name.lowercased()) { lines.append("    \(h.name): \(h.value)") }
        let hidden = r.headers.filter { !notable.contains($0.name.lowercased()) }.count
        if hidden > 0 { lines.append(style.dim("    (\(hidden) more headers in --format json)")) }
        if let token = request.token {
            var t = "    token: \(token.format)"
            if let use = token.tokenUse { t += " token_use=\(use)" }
            if let exp = token.exp { t += " exp=\(Format.date(exp))" + (token.expired == true ? style.red(" (expired)") : "") }
            lines.append(t)
        }
        if r.bodySize > 0 {
            // Character.isNewline: a CRLF is one Character, which split(separator: "\n") never splits at.
            let preview = r.body.prefix(300).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(6)
            lines.append("  " + style.bold("Body") + " \(r.bodySize) bytes" + (r.contentType.map { ", \($0)" } ?? ""))
            for line in preview { lines.append("    " + sanitize(String(line.prefix(160)))) }
        }
        return lines
    }

    /// One line of text: the evidence is already neutral (Prober.check), but a quoted
    /// body excerpt keeps its line breaks, and a report may come from elsewhere.
    static func sanitize(_ s: String) -> String { ControlCharacters.neutralize(s) }

    /// Several lines (a remediation step): the same rule, line breaks kept.
    static func sanitizeKeepingLines(_ s: String) -> String { ControlCharacters.neutralize(s, lineBreaks: .keep) }
}
