import HTTPDiagCore

/// Names the intermediaries of one probe from its response headers, body and CNAMEs.
public enum HopFingerprinter {
    public static func hops(of probe: ProbeResult) -> [Hop] {
        let headers = probe.response?.headers ?? []
        let body = probe.response?.body ?? ""
        let cnames = probe.dns?.cnameChain.map(\.target) ?? []
        var found: [(Int, Hop)] = []
        for signature in HopSignatures.all {
            let evidence = signature.signals.compactMap { quote($0, headers: headers, body: body, cnames: cnames) }
            guard !evidence.isEmpty else { continue }
            let generated = signature.generatedSignals.contains { quote($0, headers: headers, body: body, cnames: cnames) != nil }
            found.append((signature.order, Hop(name: signature.name, evidence: evidence, generatedResponse: generated)))
        }
        // A cognito-idp error is API Gateway's 4xx passing Cognito's answer only when both show.
        var hops = found.sorted { $0.0 < $1.0 }.map(\.1)
        if probe.response != nil && !hops.contains(where: \.generatedResponse) {
            hops.append(Hop(name: "origin", evidence: ["no intermediary signature produced the response"], generatedResponse: true))
        } else if probe.response != nil && hops.isEmpty {
            hops.append(Hop(name: "origin", evidence: [], generatedResponse: true))
        }
        // Only the innermost generating hop produced the response.
        if let last = hops.lastIndex(where: \.generatedResponse) {
            for i in hops.indices where i != last { hops[i].generatedResponse = false }
        }
        return hops
    }

    static func quote(_ signal: HopSignature.Signal, headers: [HeaderField], body: String, cnames: [String]) -> String? {
        switch signal {
        case .header(let name, let pattern):
            for value in headers.all(name) where pattern.isEmpty || RegexCache.matches(pattern, value) {
                return "\(headers.first { $0.name.lowercased() == name.lowercased() }?.name ?? name): \(value.prefix(120))"
            }
            return nil
        case .body(let text):
            return body.contains(text) ? "body contains \"\(text)\"" : nil
        case .cname(let pattern):
            return cnames.first { RegexCache.matches(pattern, $0) }.map { "CNAME \($0)" }
        }
    }
}
