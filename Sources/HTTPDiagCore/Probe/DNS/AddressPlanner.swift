import Dispatch

/// Decides which addresses to probe and records the DNS evidence on the way: the system
/// resolver (what applications see) and direct A/AAAA queries (rcode, CNAME chain, TTLs).
struct AddressPlan: Sendable {
    var addresses: [String]
    var dns: DNSEvidence?
    var failure: ProbeError?
    /// Pin each address with CURLOPT_RESOLVE (fan-out); false lets libcurl resolve.
    var pin: Bool
    /// Wall time of the lookups (system resolver and direct queries ran in parallel).
    var lookupMs: Double = 0

    /// The addresses came from a lookup (the system resolver or `--dns-server`), not from
    /// the URL, `--resolve`, `--connect-to` or a proxy.
    var resolved: Bool { dns?.source == "system" || dns?.source == "dns_server" }
}

enum AddressPlanner {
    /// `plan`, without blocking a thread of the engine: the direct A/AAAA queries wait on
    /// the curl event loop (DirectDNS's async form), and getaddrinfo (hosts file, nsswitch,
    /// search domains: only glibc does those as applications see them) runs on a thread of
    /// its own meanwhile; without a lookup to make, right here.
    static func planWithoutBlocking(target: TargetURL, options: ProbeOptions, proxy: String?) async -> AddressPlan {
        if proxy != nil || IPAddress.isLiteral(target.host) || !pinnedAddresses(target, options.resolve).isEmpty
            || !options.connectTo.isEmpty
        {
            return plan(target: target, options: options, proxy: proxy)
        }
        let host = target.host
        let started = MonotonicClock.now()
        let askDirect = asksDirect(host, options)
        let server = options.dnsServer
        let timeoutMs = options.dnsTimeoutMs
        async let system: SystemLookup? =
            server == nil ? BlockingCall.run { SystemResolver.lookup(host, port: target.port) } : nil
        async let a: DNSQuery? = askDirect ? DirectDNS.query(host, type: DirectDNS.typeA, server: server, timeoutMs: timeoutMs) : nil
        async let aaaa: DNSQuery? =
            askDirect ? DirectDNS.query(host, type: DirectDNS.typeAAAA, server: server, timeoutMs: timeoutMs) : nil
        let queries = await [a, aaaa].compactMap { $0 }
        return assemble(target, options, askDirect: askDirect, system: await system, queries: queries, started: started)
    }

    static func plan(target: TargetURL, options: ProbeOptions, proxy: String?) -> AddressPlan {
        var plan = unfilteredPlan(target: target, options: options, proxy: proxy)
        // -4 / -6: only the asked family is probed; none left is a failure that says why.
        guard options.ipFamily != .any, plan.failure == nil, !plan.addresses.isEmpty else { return plan }
        let kept = plan.addresses.filter(options.ipFamily.allows)
        if kept.isEmpty {
            let other = plan.addresses.joined(separator: ", ")
            let wanted = options.ipFamily == .ipv4 ? "IPv4" : "IPv6"
            plan.failure = ProbeError(
                kind: .dnsNoAddress,
                message: "\(FailureKind.dnsNoAddress.summary): \(target.host) has no \(wanted) address (\(options.ipFamily.flag); it has \(other))",
                phase: "dns"
            )
            plan.pin = false
        }
        plan.addresses = kept
        return plan
    }

    private static func unfilteredPlan(target: TargetURL, options: ProbeOptions, proxy: String?) -> AddressPlan {
        if proxy != nil {
            return AddressPlan(addresses: [], dns: DNSEvidence(name: target.host, source: "proxy"), failure: nil, pin: false)
        }
        if IPAddress.isLiteral(target.host) {
            return AddressPlan(addresses: [target.host], dns: nil, failure: nil, pin: false)
        }
        let pinned = pinnedAddresses(target, options.resolve)
        if !pinned.isEmpty {
            return AddressPlan(
                addresses: pinned,
                dns: DNSEvidence(name: target.host, source: "resolve_flag", addresses: pinned),
                failure: nil,
                pin: options.fanout
            )
        }
        if !options.connectTo.isEmpty {
            return AddressPlan(addresses: [], dns: DNSEvidence(name: target.host, source: "connect_to"), failure: nil, pin: false)
        }
        return resolve(target, options)
    }

    /// RFC 6761: localhost never goes to a nameserver, so there is nothing to ask directly.
    private static func asksDirect(_ host: String, _ options: ProbeOptions) -> Bool {
        options.dnsServer != nil || !(host == "localhost" || host.hasSuffix(".localhost"))
    }

    private static func resolve(_ target: TargetURL, _ options: ProbeOptions) -> AddressPlan {
        let host = target.host
        let started = MonotonicClock.now()
        let askDirect = asksDirect(host, options)
        let box = ResultBox()
        let group = DispatchGroup()
        if options.dnsServer == nil {
            DispatchQueue.global().async(group: group) { box.system = SystemResolver.lookup(host, port: target.port) }
        }
        if askDirect {
            for type in [DirectDNS.typeA, DirectDNS.typeAAAA] {
                DispatchQueue.global().async(group: group) {
                    let q = DirectDNS.query(host, type: type, server: options.dnsServer, timeoutMs: options.dnsTimeoutMs)
                    box.append(q)
                }
            }
        }
        group.wait()
        return assemble(target, options, askDirect: askDirect, system: box.system, queries: box.queries, started: started)
    }

    /// The plan from the lookups' results (the system resolver's, the direct queries').
    private static func assemble(
        _ target: TargetURL,
        _ options: ProbeOptions,
        askDirect: Bool,
        system: SystemLookup?,
        queries: [DNSQuery],
        started: UInt64
    ) -> AddressPlan {
        let host = target.host
        let queries = queries.sorted { $0.type < $1.type }
        var dns = DNSEvidence(
            name: host,
            source: options.dnsServer == nil ? "system" : "dns_server",
            server: askDirect ? (options.dnsServer?.description ?? "system") : nil,
            system: system,
            queries: queries,
            cnameChain: cnameChain(host, queries)
        )
        let addresses: [String]
        if options.dnsServer != nil {
            addresses = queries.flatMap { $0.answers.filter { $0.type == "A" || $0.type == "AAAA" }.map(\.data) }
        } else {
            addresses = system?.addresses ?? []
        }
        dns.addresses = addresses
        let lookupMs = MonotonicClock.millisecondsSince(started)
        if addresses.isEmpty {
            return AddressPlan(addresses: [], dns: dns, failure: dnsFailure(dns), pin: false, lookupMs: lookupMs)
        }
        return AddressPlan(addresses: addresses, dns: dns, failure: nil, pin: options.fanout, lookupMs: lookupMs)
    }

    /// Why a name gave no address: the direct queries' rcodes first, getaddrinfo's error second.
    static func dnsFailure(_ dns: DNSEvidence) -> ProbeError {
        let rcodes = dns.queries.map(\.rcode)
        let kind: FailureKind
        if rcodes.contains("NXDOMAIN") {
            kind = .dnsNXDomain
        } else if rcodes.contains("SERVFAIL") {
            kind = .dnsServFail
        } else if rcodes.contains("REFUSED") {
            kind = .dnsRefused
        } else if rcodes.contains("NOERROR") {
            kind = .dnsNoAddress
        } else if !rcodes.isEmpty && rcodes.allSatisfy({ $0 == "TIMEOUT" }) && dns.system?.error != "EAI_NONAME" {
            kind = .dnsTimeout
        } else {
            switch dns.system?.error {
            case "EAI_AGAIN": kind = .dnsTimeout
            case "EAI_FAIL": kind = .dnsServFail
            case "EAI_NODATA", "EAI_ADDRFAMILY": kind = .dnsNoAddress
            default: kind = .dnsNXDomain
            }
        }
        let detail = (dns.queries.map { "\($0.type) \($0.rcode)" } + [dns.system?.error.map { "getaddrinfo \($0)" }].compactMap { $0 })
            .joined(separator: ", ")
        return ProbeError(kind: kind, message: "\(kind.summary): \(dns.name)" + (detail.isEmpty ? "" : " (\(detail))"), phase: "dns")
    }

    static func cnameChain(_ host: String, _ queries: [DNSQuery]) -> [CNAMELink] {
        var links: [CNAMELink] = []
        var seen = Set<String>()
        var current = host.lowercased().trimmingDot()
        let cnames = queries.flatMap(\.answers).filter { $0.type == "CNAME" }
        while let next = cnames.first(where: { $0.name.lowercased().trimmingDot() == current }), !seen.contains(current) {
            seen.insert(current)
            links.append(CNAMELink(name: next.name, target: next.data, ttl: next.ttl))
            current = next.data.lowercased().trimmingDot()
        }
        return links
    }

    static func pinnedAddresses(_ target: TargetURL, _ resolve: [String]) -> [String] {
        // libcurl uses the last entry for a host:port, so the last one is the one that counts.
        for entry in resolve.reversed() where resolveEntry(entry, matches: target) {
            guard let list = entry.split(separator: ":", maxSplits: 2).dropFirst(2).first else { continue }
            return list.split(separator: ",").map { String($0).trimmedSpaces().trimmingBrackets() }
        }
        return []
    }

    /// A `--resolve` entry (`[+]host:port:addr[,addr]`) for the target's host (or `*`,
    /// unless `wildcard` is false) and port.
    static func resolveEntry(_ entry: String, matches target: TargetURL, wildcard: Bool = true) -> Bool {
        var text = Substring(entry)
        if text.hasPrefix("+") { text = text.dropFirst() }
        let parts = text.split(separator: ":", maxSplits: 2)
        return parts.count == 3 && (parts[0].lowercased() == target.host.lowercased() || (wildcard && parts[0] == "*"))
            && Int(parts[1]) == target.port
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = DispatchQueue(label: "httpdiag.dns")
        private var _system: SystemLookup?
        private var _queries: [DNSQuery] = []
        var system: SystemLookup? {
            get { lock.sync { _system } }
            set { lock.sync { _system = newValue } }
        }
        var queries: [DNSQuery] { lock.sync { _queries } }
        func append(_ q: DNSQuery) { lock.sync { _queries.append(q) } }
    }
}

extension String {
    func trimmingDot() -> String { hasSuffix(".") ? String(dropLast()) : self }
    func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
