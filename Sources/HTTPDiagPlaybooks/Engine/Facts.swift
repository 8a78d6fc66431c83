import HTTPDiagCore

/// The evidence of one probe as a JSON tree, addressed by the same paths as the JSON
/// output (docs/json-output.md), plus the hops found for it.
final class ProbeFacts {
    let probe: ProbeResult
    let hops: [Hop]
    /// Built on first use: most playbooks fail on status, hop or header before any
    /// `field:` condition is reached, and encoding a probe is the engine's costliest step.
    lazy var tree: JSONValue = {
        let data = (try? JSONReport.encoder().encode(probe)) ?? Data()
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
    }()

    init(_ probe: ProbeResult) {
        self.probe = probe
        hops = HopFingerprinter.hops(of: probe)
    }

    /// Every value at `path`; `[]` fans out over array elements. Empty when absent.
    func values(_ path: String) -> [JSONValue] { Self.values(path, in: tree) }

    static func values(_ path: String, in tree: JSONValue) -> [JSONValue] {
        var current = [tree]
        for var part in path.split(separator: ".").map(String.init) {
            let fanOut = part.hasSuffix("[]")
            if fanOut { part.removeLast(2) }
            current = current.compactMap { node -> JSONValue? in
                if case .object(let o) = node { return o[part] }
                return nil
            }
            if fanOut {
                current = current.flatMap { node -> [JSONValue] in
                    if case .array(let a) = node { return a }
                    return []
                }
            }
        }
        return current
    }
}

/// Facts about all probes of a check together: the spread of outcomes across samples
/// and addresses. Paths usable with `summary:` conditions.
struct SummaryFacts {
    static let paths: [String: String] = [
        "probes": "number of probes (addresses × samples)",
        "failed_probes": "probes with an error",
        "failed_fraction": "failed_probes / probes",
        "addresses": "distinct addresses probed",
        "failed_addresses": "addresses where every probe failed",
        "ok_addresses": "addresses where every probe succeeded",
        "mixed_addresses": "addresses whose samples disagree",
        "distinct_outcomes": "number of distinct outcomes (status or failure kind)",
        "ipv6_failed_ipv4_ok": "every IPv6 probe failed and every IPv4 probe succeeded",
        "max_dns_ttl": "largest TTL among the A/AAAA/CNAME answers",
        "redirects": "redirect hops followed by the worst probe",
    ]

    let tree: JSONValue

    init(_ probes: [ProbeResult]) {
        let failed = probes.filter { $0.error != nil }
        let byAddress = Dictionary(grouping: probes, by: { $0.address ?? "" })
        let failedAddresses = byAddress.values.filter { $0.allSatisfy { $0.error != nil } }.count
        let okAddresses = byAddress.values.filter { $0.allSatisfy { $0.error == nil } }.count
        let outcomes = Set(probes.map { $0.error?.kind.rawValue ?? "status:\($0.response?.status ?? 0)" })
        let v6 = probes.filter { $0.family == "ipv6" }, v4 = probes.filter { $0.family == "ipv4" }
        let ttls = probes.first?.dns.map { dns in dns.queries.flatMap(\.answers).map(\.ttl) + dns.cnameChain.map(\.ttl) } ?? []
        let worst = probes.max { $0.verdict < $1.verdict }
        var facts: [String: JSONValue] = [
            "probes": .number(Double(probes.count)),
            "failed_probes": .number(Double(failed.count)),
            "failed_fraction": .number(probes.isEmpty ? 0 : Double(failed.count) / Double(probes.count)),
            "addresses": .number(Double(byAddress.count)),
            "failed_addresses": .number(Double(failedAddresses)),
            "ok_addresses": .number(Double(okAddresses)),
            "mixed_addresses": .number(Double(byAddress.count - failedAddresses - okAddresses)),
            "distinct_outcomes": .number(Double(outcomes.count)),
            "ipv6_failed_ipv4_ok": .bool(!v6.isEmpty && !v4.isEmpty && v6.allSatisfy { $0.error != nil } && v4.allSatisfy { $0.error == nil }),
            "redirects": .number(Double(worst?.redirects.count ?? 0)),
        ]
        if let max = ttls.max() { facts["max_dns_ttl"] = .number(Double(max)) }
        tree = .object(facts)
    }
}
