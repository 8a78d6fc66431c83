import HTTPDiagCore

/// An incident report an engineer can paste into a ticket; renders on GitHub
/// (Mermaid gantt for the timings, a collapsed raw exchange).
public enum MarkdownReport {
    public static func render(_ report: CheckReport) -> String {
        var md: [String] = []
        let top = report.diagnoses.first
        md.append("# \(report.verdict.rawValue): \(top.map { "\(code($0.id)) — \(escape($0.title))" } ?? escape(report.reason))")
        md.append("")
        md.append("**Target:** \(code(report.target.method + " " + report.target.url))  ")
        md.append(
            "**Checked:** \(Format.date(report.startedAt)) by httpdiag \(report.tool.version) (\(report.tool.libcurl.split(separator: " ").first ?? ""))"
        )
        md.append("")
        md.append("## Summary")
        md.append("")
        md.append(summary(report))
        md.append("")
        // What to do comes first: the engineer reading the ticket fixes, then verifies.
        if let top {
            md.append("## Remediation")
            md.append("")
            for (i, step) in top.remediation.enumerated() {
                md += numbered(i + 1, step)
                md.append("")
            }
            md.append("## Verification")
            md.append("")
            for step in top.verify { md += bullet(step) }
            md.append("")
        }
        if !report.hops.isEmpty {
            md.append("## Hops")
            md.append("")
            md.append(report.hops.map { "`\($0.name)`" + ($0.generatedResponse ? " (answered)" : "") }.joined(separator: " → "))
            md.append("")
            md.append("| hop | identified by |")
            md.append("|---|---|")
            for hop in report.hops { md.append("| \(hop.name) | \(cell(hop.evidence.joined(separator: "; "))) |") }
            md.append("")
        }
        md += timings(report)
        if let top {
            // The explanation is the summary's already: the facts behind it, each once.
            var seen: Set<String> = [top.evidence.first ?? ""]
            let facts = top.evidence.dropFirst().filter { seen.insert($0).inserted } + (top.tellApart ?? [])
            if !facts.isEmpty {
                md.append("## Evidence")
                md.append("")
                for line in facts { md.append("- \(escape(line))") }
                md.append("")
            }
        }
        md += dnsSection(report)
        md += tlsSection(report)
        let followups = DiagnosisEngine.primaryProbe(report.probes)?.followups ?? []
        if !followups.isEmpty {
            md.append("## Follow-up probes")
            md.append("")
            md.append("| kind | target | finding | what it saw | time |")
            md.append("|---|---|---|---|---|")
            for f in followups {
                md.append("| \(f.kind.rawValue) | \(cell(f.target)) | \(code(f.finding)) | \(cell(f.summary)) | \(Format.ms(f.durationMs)) |")
            }
            md.append("")
        }
        if !report.diagnoses.isEmpty {
            md.append("## Hypotheses")
            md.append("")
            md.append("| rank | root cause | confidence | layer |")
            md.append("|---|---|---|---|")
            for (i, d) in report.diagnoses.enumerated() {
                md.append("| \(i + 1) | \(code(d.id)): \(cell(d.title)) | \(percent(d.confidence))% | \(cell(d.layer)) |")
            }
            md.append("")
        }
        md.append("## Probes")
        md.append("")
        md.append("| address | sample | verdict | outcome | total |")
        md.append("|---|---|---|---|---|")
        for p in report.probes {
            let outcome =
                p.error.map { $0.kind == .httpStatus ? "\(p.response?.status ?? 0) \(p.response?.reason ?? "")" : $0.kind.rawValue }
                ?? "\(p.response?.status ?? 0) \(p.response?.reason ?? "")"
            md.append("| \(p.address ?? "-") | \(p.sample) | \(p.verdict.rawValue) | \(cell(outcome)) | \(Format.ms(p.timings.totalMs)) |")
        }
        md.append("")
        md += rawExchange(report)
        return md.joined(separator: "\n") + "\n"
    }

    static func summary(_ report: CheckReport) -> String {
        var first = "\(code(report.target.url)) is \(report.verdict.rawValue): \(escape(report.reason))."
        if report.verdict == .ok && report.diagnoses.isEmpty { first += " No playbook matched." }
        guard let top = report.diagnoses.first else { return first }
        let explanation = top.evidence.first ?? top.title
        return first + " Most likely cause (\(percent(top.confidence))% confidence): \(escape(explanation))"
    }

    static func timings(_ report: CheckReport) -> [String] {
        guard let probe = DiagnosisEngineAccess.primary(report.probes), probe.timings.totalMs > 0 else { return [] }
        let t = probe.timings
        // Mermaid's gantt counts whole milliseconds: below 100 ms, draw in microseconds
        // (axisFormat %Q prints the raw number), so loopback phases do not collapse to 0.
        let micro = t.totalMs < 100
        let scale = micro ? 1000.0 : 1.0
        var md = [
            "## Timings", "", "```mermaid", "gantt",
            "    title \(probe.address ?? report.target.host), sample \(probe.sample) (\(micro ? "µs" : "ms"))",
            "    dateFormat x", "    axisFormat %Q",
        ]
        var start = 0.0
        md.append("    section phases")
        for (name, ms) in t.phases where ms > 0 {
            let s = Int((start * scale).rounded())
            let e = max(Int(((start + ms) * scale).rounded()), s + 1)
            md.append("    \(Waterfall.labels[name] ?? name) \(Format.ms(ms)) :\(s), \(e)")
            start += ms
        }
        md += ["```", "", "| phase | ms |", "|---|---|"]
        for (name, ms) in t.phases { md.append("| \(Waterfall.labels[name] ?? name) | \(Format.fixed(ms, 3)) |") }
        md.append("| Time to first byte | \(Format.fixed(t.firstByteMs, 3)) |")
        md.append("| Total | \(Format.fixed(t.totalMs, 3)) |")
        md.append("")
        return md
    }

    /// DNS answers when they matter: a DNS failure, several addresses, a CNAME chain or
    /// direct queries (`--dns-server`): each query's code and A/AAAA answers with TTLs.
    static func dnsSection(_ report: CheckReport) -> [String] {
        guard let dns = report.probes.lazy.compactMap(\.dns).first else { return [] }
        let dnsFailure = report.probes.contains { $0.error?.kind.rawValue.hasPrefix("dns_") == true }
        let addresses = Set(report.probes.compactMap(\.address))
        guard dnsFailure || addresses.count > 1 || !dns.cnameChain.isEmpty || !dns.queries.isEmpty else { return [] }
        var md = ["## DNS", ""]
        md.append("\(code(dns.name)) via \(escape(dns.source))" + (dns.server.map { ", queried \(code($0))" } ?? ""))
        md.append("")
        for link in dns.cnameChain { md.append("- CNAME \(code(link.name)) → \(code(link.target)) (TTL \(link.ttl) s)") }
        if !dns.cnameChain.isEmpty { md.append("") }
        if !dns.queries.isEmpty {
            md += ["| query | response | answers (TTL) | time |", "|---|---|---|---|"]
            for q in dns.queries {
                let answers = q.answers.filter { $0.type == q.type }.map { "\($0.data) (\($0.ttl) s)" }
                md.append(
                    "| \(cell(q.type)) | \(cell(q.rcode)) | \(cell(answers.isEmpty ? (q.error ?? "none") : answers.joined(separator: ", "))) | \(Format.ms(q.durationMs)) |"
                )
            }
            md.append("")
        }
        if let system = dns.system {
            md.append("System resolver (getaddrinfo): " + (system.error.map(escape) ?? system.addresses.map(code).joined(separator: ", ")))
            md.append("")
        }
        return md
    }

    /// The TLS chain when it matters: verification failed, a certificate expires within
    /// the warning window, the failure is in TLS, or the server asked for a client certificate.
    static func tlsSection(_ report: CheckReport) -> [String] {
        guard let probe = DiagnosisEngineAccess.primary(report.probes), let tls = probe.tls, !tls.chain.isEmpty else { return [] }
        let tlsFailure = probe.error.map { $0.phase == "tls" || $0.kind.rawValue.hasPrefix("tls_") } ?? false
        let expiring = (tls.earliestExpiryDays ?? .infinity) < 30
        guard !tls.verified || tlsFailure || expiring || tls.clientCertificateRequested || probe.verdict == .warning else { return [] }
        var md = ["## TLS chain", ""]
        var head = "\(escape(tls.version ?? "no handshake"))" + (tls.cipher.map { " \(code($0))" } ?? "")
        head += tls.verified ? ", verified" : ", **not verified**" + (tls.verifyReason.map { " (\(escape($0)))" } ?? "")
        md.append(head)
        if let alert = tls.alertReceived { md.append("; the server sent alert \(alert.code) \(code(alert.name))") }
        md.append("")
        md += ["| # | subject | issuer | valid from | valid until | days left |", "|---|---|---|---|---|---|"]
        for (i, cert) in tls.chain.enumerated() {
            let days = cert.daysLeft.map { d in d < 0 ? "expired \(Int(-d.rounded(.up))) days ago" : "\(Int(d.rounded(.down)))" } ?? "?"
            md.append(
                "| \(i) | \(cell(cert.subject)) | \(cell(cert.issuer + (cert.selfSigned ? " (self-signed)" : ""))) | \(Format.date(cert.notBefore)) | \(Format.date(cert.notAfter)) | \(cell(days)) |"
            )
        }
        md.append("")
        if let leaf = tls.chain.first, !leaf.sans.isEmpty {
            md.append(
                "SANs of the leaf: " + leaf.sans.prefix(20).map(code).joined(separator: ", ")
                    + (tls.hostnameMatches == false ? " (the host is not covered)" : "")
            )
            md.append("")
        }
        if tls.chainFromUnverifiedHandshake { md += ["The chain was read by a handshake-only retry without verification.", ""] }
        return md
    }

    static func rawExchange(_ report: CheckReport) -> [String] {
        guard let p = DiagnosisEngineAccess.primary(report.probes) else { return [] }
        // A request line as HTTP writes it (absolute-form: the URL names scheme, host and
        // port, which the origin-form would leave to the Host header), then the headers sent.
        let version = p.response.map { $0.httpVersion.hasPrefix("HTTP/") ? $0.httpVersion : "HTTP/" + $0.httpVersion } ?? "HTTP/1.1"
        var raw = "\(p.request.method) \(p.request.url) \(version)\n"
        if p.request.headers.first("Host") == nil { raw += "Host: \(URLParts(p.request.url).hostPort)\n" }
        for h in p.request.headers { raw += "\(h.name): \(h.value)\n" }
        if let body = p.request.body?.preview { raw += "\n\(body.prefix(2000))\n" }
        raw += "\n"
        if let r = p.response {
            raw += "\(r.httpVersion) \(r.status) \(r.reason)\n"
            for h in r.headers { raw += "\(h.name): \(h.value)\n" }
            raw += "\n" + String(r.body.prefix(4000)) + (r.bodyTruncated || r.body.count > 4000 ? "\n[... \(r.bodySize) bytes in all]" : "") + "\n"
        } else if let e = p.error {
            if ["dns", "connect", "tls"].contains(e.phase) { raw += "(not sent: the exchange ended in the \(e.phase) phase)\n" }
            raw += "(no response: \(e.kind.rawValue): \(e.message))\n"
        }
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: raw) + 1))
        return ["<details>", "<summary>Raw exchange (redacted)</summary>", "", fence + "http", sanitize(raw), fence, "", "</details>", ""]
    }

    /// Steps are paragraphs, not list items: a fenced block inside a list item is not
    /// rendered by every Markdown implementation, a top-level one is.
    static func numbered(_ n: Int, _ step: String) -> [String] {
        let lines = textOutsideFences(step).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return ["**\(n).** " + (lines.first ?? "")] + lines.dropFirst()
    }

    static func bullet(_ step: String) -> [String] {
        step.contains("```") ? numberedless(step) : indentBlock("- ", textOutsideFences(step))
    }

    static func numberedless(_ step: String) -> [String] {
        textOutsideFences(step).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""]
    }

    /// `escapeOutsideCodeSpans` on every line outside fenced code blocks.
    static func textOutsideFences(_ s: String) -> String {
        var inFence = false
        return s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                return String(line)
            }
            return inFence ? String(line) : escapeOutsideCodeSpans(commandsAsCode(String(line)))
        }.joined(separator: "\n")
    }

    /// Programs a remediation step may name as a command to run.
    static let commandWords = [
        "curl", "aws", "openssl", "dig", "kubectl", "sudo", "ss", "nc", "echo", "printf", "systemctl", "gcloud", "az",
        "nslookup", "httpdiag", "for", "journalctl", "certbot", "host", "wget",
    ]

    /// A step written without backticks (`Test it: curl -sv https://...`) gets its
    /// command as code, from the program's name to the end of the sentence, so the
    /// report shows it as a command (and `*`, `_` in it stay as typed).
    static func commandsAsCode(_ line: String) -> String {
        guard !line.contains("`") else { return line }
        var best: Range<String.Index>?
        for word in commandWords {
            for prefix in [": ", "; ", "then "] {
                if let r = line.range(of: prefix + word + " "), best.map({ r.lowerBound < $0.lowerBound }) ?? true {
                    best = line.index(r.lowerBound, offsetBy: prefix.count)..<r.upperBound
                }
            }
            if line.hasPrefix(word + " "), best.map({ $0.lowerBound != line.startIndex }) ?? true {
                best = line.startIndex..<line.index(line.startIndex, offsetBy: word.count + 1)
            }
        }
        guard let start = best?.lowerBound else { return line }
        var end = line.endIndex
        // The command ends before a parenthesised remark or a closing sentence.
        for stop in [" (", "; ", ". ", ", then ", " reports ", " shows ", " returns ", " succeeds", " answers ", " prints ", " must ", " is "] {
            if let r = line.range(of: stop, range: start..<end) { end = r.lowerBound }
        }
        var command = line[start..<end]
        var tail = line[end...]
        if command.hasSuffix(".") {
            command = command.dropLast()
            tail = "." + tail
        }
        guard command.count > 4 else { return line }
        return line[..<start] + "`" + command + "`" + tail
    }

    /// A list item whose text may hold a fenced block or several lines.
    static func indentBlock(_ marker: String, _ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pad = String(repeating: " ", count: marker.count)
        return [marker + (lines.first ?? "")] + lines.dropFirst().map { $0.isEmpty ? "" : pad + $0 }
    }

    /// Table cells: pipes and line breaks would break the row (`escape` covers both).
    static func cell(_ s: String) -> String { escape(s, pipes: true) }

    /// Untrusted text (server headers and bodies, reasons, evidence) as plain Markdown
    /// text on one line: control characters shown, HTML and Markdown punctuation escaped,
    /// so nothing a server sends can open a code span, a heading, a table cell or a tag.
    static func escape(_ s: String) -> String { escape(s, pipes: false) }

    /// Entities only where a character could be read as markup there: `<`, `>`, `&`,
    /// backticks, `*`, `~`, `_`, `[` and `$` always; `\\` before punctuation; `#` where a
    /// line could start; `!` before `[`; `|` in table cells. An identifier with
    /// underscores (`tls_cert_expired`, `x-amz_request`) becomes a code span instead, which
    /// reads as what it is in GitHub and Jira alike and needs no entity at all.
    static func escape(_ s: String, pipes: Bool) -> String {
        var out = ""
        var first = true
        for token in inline(s).split(separator: " ", omittingEmptySubsequences: false) {
            if !first { out += " " }
            out += escapeToken(Substring(token), atLineStart: first, pipes: pipes)
            first = false
        }
        return out
    }

    static let identifierCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:/=@+-")

    static func escapeToken(_ token: Substring, atLineStart: Bool, pipes: Bool) -> String {
        let lead = token.prefix { "(\"'".contains($0) }
        let rest = token.dropFirst(lead.count)
        let core = rest.prefix(rest.count - rest.reversed().prefix { ".,:;)\"'!?".contains($0) }.count)
        let tail = rest.dropFirst(core.count)
        if core.contains("_"), core.allSatisfy({ identifierCharacters.contains($0) }), core.first?.isLetter == true || core.first?.isNumber == true,
            core.last?.isLetter == true || core.last?.isNumber == true
        {
            return escapeCharacters(lead, atLineStart: atLineStart, pipes: pipes) + "`" + core + "`"
                + escapeCharacters(tail, atLineStart: false, pipes: pipes)
        }
        return escapeCharacters(token, atLineStart: atLineStart, pipes: pipes)
    }

    static func escapeCharacters(_ s: Substring, atLineStart: Bool, pipes: Bool) -> String {
        var out = ""
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            let after = i + 1 < chars.count ? chars[i + 1] : nil
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            // Numeric entities rather than backslashes: every renderer decodes them, and
            // none of them re-reads an entity as markup (a `\`` is not honoured everywhere).
            case "`", "[", "$", "*", "~", "_": out += "&#\(c.unicodeScalars.first!.value);"
            case "\\" where after.map { $0.isPunctuation || $0.isSymbol } ?? true: out += "&#92;"
            case "#" where i == 0 && atLineStart: out += "&#35;"
            case "|" where pipes: out += "&#124;"
            case "!" where after == "[": out += "&#33;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Playbook text: code spans kept as written, everything else escaped like `escape`.
    static func escapeOutsideCodeSpans(_ line: String) -> String {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 2 == 1 else { return escape(line) }  // unbalanced: all text
        return parts.enumerated().map { $0.offset % 2 == 1 ? code($0.element) : escape($0.element) }.joined()
    }

    /// A code span that holds any text: its fence is longer than any backtick run inside.
    static func code(_ s: String) -> String {
        let text = inline(s)
        let fence = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    static func longestRun(of c: Character, in s: String) -> Int {
        var best = 0
        var run = 0
        for x in s {
            run = x == c ? run + 1 : 0
            best = max(best, run)
        }
        return best
    }

    /// 0...100; a NaN or out-of-range confidence must not trap in Int(_:).
    static func percent(_ confidence: Double) -> Int {
        confidence.isFinite ? Int((min(max(confidence, 0), 1) * 100).rounded()) : 0
    }

    static func inline(_ s: String) -> String { ControlCharacters.neutralize(s.unicodeScalarsReplacingLineFeeds) }

    /// Multi-line text (the raw exchange): the one rule of ControlCharacters, line
    /// breaks kept, CRLF written as LF (the report is one file with one line ending).
    static func sanitize(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var lf = String.UnicodeScalarView()
        for (i, u) in scalars.enumerated() where !(u == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") { lf.append(u) }
        return ControlCharacters.neutralize(String(lf), lineBreaks: .keep)
    }
}

enum DiagnosisEngineAccess {
    static func primary(_ probes: [ProbeResult]) -> ProbeResult? { DiagnosisEngine.primaryProbe(probes) }
}

extension String {
    /// LF and CRLF → space on scalars: "\n" followed by a combining mark is one Character,
    /// which a Character-based replace would miss (and the row or heading would break).
    var unicodeScalarsReplacingLineFeeds: String {
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, u) in scalars.enumerated() {
            if u == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            out.append(u == "\n" ? " " : u)
        }
        return String(out)
    }
}
