import HTTPDiagCore

/// Names the intermediaries of one probe from its response headers, body and CNAMEs.
public enum HopFingerprinter {
    public static func hops(of probe: ProbeResult, signatures: [HopSignature] = HopCatalog.standard) -> [Hop] {
        hops(of: probe, index: HopSignatureIndex(signatures))
    }

    /// With the signatures' index, when the caller keeps one (DiagnosisEngine does).
    public static func hops(of probe: ProbeResult, index: HopSignatureIndex) -> [Hop] {
        let signatures = index.signatures
        let headers = probe.response?.headers ?? []
        let body = probe.response?.body ?? ""
        let cnames = probe.dns?.cnameChain.map(\.target) ?? []
        let bodyASCII = String.isASCII(body)
        let candidates = index.candidates(headers: headers, body: body, hasCNAMEs: !cnames.isEmpty)
        func quote(_ signal: HopSignature.Signal, headers: [HeaderField], body: String, cnames: [String]) -> String? {
            Self.quote(signal, headers: headers, body: body, cnames: cnames, bodyASCII: bodyASCII)
        }
        var found: [(signature: HopSignature, hop: Hop, byServer: Bool)] = []
        // Only the candidates, by index: a `for signature in signatures` loop copied every
        // signature (nine fields) for each probe, though most have no signal present.
        for i in signatures.indices where candidates[i] {
            guard signatures[i].signals.contains(where: { quote($0, headers: headers, body: body, cnames: cnames) != nil }) else {
                continue
            }
            let signature = signatures[i]
            let matched = signature.signals.filter { quote($0, headers: headers, body: body, cnames: cnames) != nil }
            let evidence = matched.compactMap { quote($0, headers: headers, body: body, cnames: cnames) }
            let generated = signature.generatedSignals.contains { quote($0, headers: headers, body: body, cnames: cnames) != nil }
            found.append(
                (
                    signature, Hop(name: signature.name, role: signature.role, evidence: evidence, generatedResponse: generated),
                    matched.contains(where: \.isServerHeader)
                )
            )
        }
        found.sort { $0.signature.order < $1.signature.order }
        // A hop known only by `Server:` (its canned pages carry no signature of their own,
        // or a hardened server hides it) is still the generator of a short error page.
        if let response = probe.response, !found.contains(where: \.hop.generatedResponse) {
            if let i = found.lastIndex(where: { $0.byServer }), CannedPage.looksCanned(response) {
                found[i].hop.generatedResponse = true
                found[i].hop.evidence.append("a short \(response.status) page with no application content: the hop's own error page")
            } else if UpstreamReasonText.infer(status: response.status, body: body) != nil,
                let i = found.lastIndex(where: { HopSignature.gatewayRoles.contains($0.signature.role) })
            {
                // A gateway's wording about its upstream ("no healthy upstream") on the way
                // through a gateway: that gateway's own answer.
                found[i].hop.generatedResponse = true
                found[i].hop.evidence.append("the \(response.status) body is a gateway's words about its upstream")
            }
        }
        var hops = found.map(\.hop)
        if probe.response != nil && !hops.contains(where: \.generatedResponse) {
            hops.append(
                Hop(
                    name: "origin",
                    role: "origin",
                    evidence: hops.isEmpty ? [] : ["no intermediary signature produced the response"],
                    generatedResponse: true
                )
            )
        }
        // Only the innermost generating hop produced the response.
        if let last = hops.lastIndex(where: \.generatedResponse) {
            for i in hops.indices where i != last { hops[i].generatedResponse = false }
            if let signature = found.first(where: { $0.hop.name == hops[last].name })?.signature {
                hops[last].upstream = signature.upstreamReasons.first { quote($0.signal, headers: headers, body: body, cnames: cnames) != nil }?.means
            }
            if hops[last].upstream == nil, let status = probe.response?.status {
                hops[last].upstream = UpstreamReasonText.infer(status: status, body: body)
            }
        }
        return hops
    }

    static func quote(
        _ signal: HopSignature.Signal,
        headers: [HeaderField],
        body: String,
        cnames: [String],
        bodyASCII: Bool? = nil
    ) -> String? {
        // RegexCache compiles a pattern only for a text that holds its required literal.
        func matches(_ pattern: String, _ text: String) -> Bool { RegexCache.matches(pattern, text) }
        switch signal {
        case .header(let name, let pattern):
            for field in headers where field.name.caseInsensitiveEquals(name) && (pattern.isEmpty || matches(pattern, field.value)) {
                return "\(headers.first { $0.name.caseInsensitiveEquals(name) }?.name ?? name): \(field.value.prefix(120))"
            }
            return nil
        case .bodyContains(let text):
            return body.containsText(text, isASCII: bodyASCII) ? "body contains \"\(text.prefix(80))\"" : nil
        case .bodyMatches(let pattern):
            return RegexCache.firstMatch(pattern, body).map { "body: \"\($0.prefix(80))\"" }
        case .cname(let pattern):
            return cnames.first { matches(pattern, $0) }.map { "CNAME \($0)" }
        }
    }
}

/// A proxy's or server's own error page, as opposed to an application's answer: empty,
/// or a short HTML/text page that names the status and carries no data and no design
/// (servers' built-in pages have no stylesheet, script or image; an application's error
/// page, such as Rails' public/500.html, does).
enum CannedPage {
    static let designMarks = ["<style", "<script", "<link", "<img", "<form", "<iframe", "<svg", "name=\"viewport\""]

    static func looksCanned(_ response: ResponseEvidence) -> Bool {
        guard response.status >= 400 else { return false }
        let body = response.body
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return true }
        // Servers' own pages are HTML; a short plain-text body ("Internal Server Error") is
        // an application framework's default, passed through.
        guard trimmed.utf8.count <= 2048, trimmed.hasPrefix("<"), !trimmed.hasPrefix("<?xml") else { return false }
        let lower = trimmed.lowercased()
        if designMarks.contains(where: lower.contains) { return false }
        let reason = HTTPStatus.reason(response.status)
        return trimmed.contains(String(response.status)) || (!reason.isEmpty && trimmed.localizedCaseInsensitiveContains(reason))
    }
}
