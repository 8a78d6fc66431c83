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
            md.append("## Evidence")
            md.append("")
            for line in top.evidence { md.append("- \(escape(line))") }
            for tell in top.tellApart ?? [] { md.append("- \(escape(tell))") }
            md.append("")
        }
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

    static func rawExchange(_ report: CheckReport) -> [String] {
        guard let p = DiagnosisEngineAccess.primary(report.probes) else { return [] }
        var raw = "\(p.request.method) \(p.request.url)\n"
        for h in p.request.headers { raw += "\(h.name): \(h.value)\n" }
        if let body = p.request.body?.preview { raw += "\n\(body.prefix(2000))\n" }
        raw += "\n"
        if let r = p.response {
            raw += "\(r.httpVersion) \(r.status) \(r.reason)\n"
            for h in r.headers { raw += "\(h.name): \(h.value)\n" }
            raw += "\n" + String(r.body.prefix(4000)) + (r.bodyTruncated || r.body.count > 4000 ? "\n[... \(r.bodySize) bytes in all]" : "") + "\n"
        } else if let e = p.error {
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
            return inFence ? String(line) : escapeOutsideCodeSpans(String(line))
        }.joined(separator: "\n")
    }

    /// A list item whose text may hold a fenced block or several lines.
    static func indentBlock(_ marker: String, _ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pad = String(repeating: " ", count: marker.count)
        return [marker + (lines.first ?? "")] + lines.dropFirst().map { $0.isEmpty ? "" : pad + $0 }
    }

    /// Table cells: pipes and line breaks would break the row (`escape` covers both).
    static func cell(_ s: String) -> String { escape(s) }

    /// Untrusted text (server headers and bodies, reasons, evidence) as plain Markdown
    /// text on one line: control characters shown, HTML and Markdown punctuation escaped,
    /// so nothing a server sends can open a code span, a heading, a table cell or a tag.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in inline(s) {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            // Numeric entities rather than backslashes: every renderer decodes them, and
            // none of them re-reads an entity as markup (a `\`` is not honoured everywhere).
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "$":
                out += "&#\(c.unicodeScalars.first!.value);"
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
