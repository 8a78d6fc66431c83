import HTTPDiagCore

/// The evidence of one probe as a JSON tree, addressed by the same paths as the JSON
/// output (docs/json-output.md), plus the hops found for it.
final class ProbeFacts {
    let probe: ProbeResult
    let hops: [Hop]
    /// Top-level parts of the evidence tree, encoded on first use and one at a time:
    /// most playbooks fail on status, hop or header before any `field:` condition, and a
    /// `field:` condition needs only its own part (encoding a whole probe, headers and
    /// body included, was the engine's costliest step in a fleet run).
    private var parts: [String: JSONValue] = [:]

    convenience init(_ probe: ProbeResult, hops signatures: [HopSignature] = HopCatalog.standard) {
        self.init(probe, index: HopSignatureIndex(signatures))
    }

    init(_ probe: ProbeResult, index: HopSignatureIndex) {
        self.probe = probe
        hops = HopFingerprinter.hops(of: probe, index: index)
    }

    /// The whole tree (tests and `summary`-free callers).
    var tree: JSONValue { Self.encode(probe) }

    func part(_ key: String) -> JSONValue? {
        if let cached = parts[key] { return cached }
        // `probe.x` in place: a local copy of the probe retained every field of it.
        let value: JSONValue? =
            switch key {
            case "address": probe.address.map { .string($0) }
            case "family": probe.family.map { .string($0) }
            case "port": .number(Double(probe.port))
            case "sample": .number(Double(probe.sample))
            case "verdict": .string(probe.verdict.rawValue)
            case "started_at": Self.encode(probe.startedAt)
            case "timings": Self.encode(probe.timings)
            case "dns": probe.dns.map(Self.encode)
            case "tls": probe.tls.map(Self.encode)
            case "request": Self.request(probe.request)
            case "response": probe.response.map(Self.encode)
            case "redirects": probe.redirects.isEmpty ? .array([]) : Self.encode(probe.redirects)
            case "error": probe.error.map(Self.encode)
            case "followups": probe.followups.isEmpty ? .array([]) : Self.encode(probe.followups)
            default: nil
            }
        if let value { parts[key] = value }
        return value
    }

    /// The request part by hand: on healthy probes of a fleet run it is the part
    /// conditions reach most (url, token, body), and the Codable round trip is slow.
    /// Same keys and shapes as the JSON output (FactsTests compares the two).
    static func request(_ r: RequestEvidence) -> JSONValue {
        var o: [String: JSONValue] = [
            "method": .string(r.method), "url": .string(r.url),
            "headers": .array(r.headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
        ]
        if let body = r.body { o["body"] = encode(body) }
        if let token = r.token { o["token"] = encode(token) }
        if let proxy = r.proxy { o["proxy"] = .string(proxy) }
        return .object(o)
    }

    static func encode<T: Encodable>(_ value: T) -> JSONValue {
        let data = (try? JSONReport.encoder().encode(value)) ?? Data()
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
    }

    /// Values already looked up, by path: the playbooks ask for the same few paths.
    private var valuesByPath: [String: [JSONValue]] = [:]

    /// Every value at `path`; `[]` fans out over array elements. Empty when absent.
    func values(_ path: String) -> [JSONValue] {
        if let cached = valuesByPath[path] { return cached }
        let values = lookUp(path)
        valuesByPath[path] = values
        return values
    }

    private func lookUp(_ path: String) -> [JSONValue] {
        // The first key ends at `.` or `[`, found on the bytes (not Character by Character).
        let cut = path.utf8.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") } ?? path.endIndex
        guard let root = part(String(path[..<cut])) else { return [] }
        let rest = path[cut...]
        if rest.isEmpty { return [root] }
        if rest.hasPrefix("[]") {
            guard case .array(let a) = root else { return [] }
            let tail = rest.dropFirst(2)
            return tail.isEmpty ? a : a.flatMap { Self.values(String(tail.dropFirst()), in: $0) }
        }
        return Self.values(String(rest.dropFirst()), in: root)
    }

    static func values(_ path: String, in tree: JSONValue) -> [JSONValue] {
        // A plain key (every `summary:` path): one look-up, no splitting.
        if !path.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") }) {
            guard !path.isEmpty, case .object(let o) = tree, let value = o[path] else { return path.isEmpty ? [tree] : [] }
            return [value]
        }
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
        "credentials_sent":
            "the request carried credentials: a header the redactor treats as secret, a URL password, a secret query parameter or a bearer token",
    ]

    let tree: JSONValue

    init(_ probes: [ProbeResult]) {
        let failed = probes.filter { $0.error != nil }
        let byAddress = Dictionary(grouping: probes, by: { $0.address ?? "" })
        let failedAddresses = byAddress.values.filter { $0.allSatisfy { $0.error != nil } }.count
        let okAddresses = byAddress.values.filter { $0.allSatisfy { $0.error == nil } }.count
        let outcomes = Set(probes.map { $0.error?.kind.rawValue ?? "status:\($0.response?.status ?? 0)" })
        let v6 = probes.filter { $0.family == "ipv6" }
        let v4 = probes.filter { $0.family == "ipv4" }
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
            "credentials_sent": .bool(worst?.request.carriesCredentials ?? false),
        ]
        if let max = ttls.max() { facts["max_dns_ttl"] = .number(Double(max)) }
        tree = .object(facts)
    }
}
