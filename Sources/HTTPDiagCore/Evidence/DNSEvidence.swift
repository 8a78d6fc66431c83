/// What the name resolution saw: the system resolver's answer (what an application
/// sees) and direct queries with their response codes, CNAME chain and TTLs.
public struct DNSEvidence: Codable, Sendable, Equatable {
    /// The host name that was resolved.
    public var name: String
    /// Where the addresses used for the probes came from:
    /// `literal` (the URL holds an address), `resolve_flag` (--resolve), `dns_server`
    /// (--dns-server's answers), `system` (getaddrinfo), `proxy` (the proxy resolves).
    public var source: String
    /// Nameserver of the direct queries: `system` (/etc/resolv.conf) or `IP:PORT`.
    public var server: String?
    /// Addresses probed, in order.
    public var addresses: [String]
    /// getaddrinfo's result; nil when it was not asked.
    public var system: SystemLookup?
    /// Direct A and AAAA queries.
    public var queries: [DNSQuery]
    /// CNAME chain from the name to the final target, in order.
    public var cnameChain: [CNAMELink]

    public init(
        name: String,
        source: String,
        server: String? = nil,
        addresses: [String] = [],
        system: SystemLookup? = nil,
        queries: [DNSQuery] = [],
        cnameChain: [CNAMELink] = []
    ) {
        self.name = name
        self.source = source
        self.server = server
        self.addresses = addresses
        self.system = system
        self.queries = queries
        self.cnameChain = cnameChain
    }
}

public struct SystemLookup: Codable, Sendable, Equatable {
    public var addresses: [String]
    /// getaddrinfo's error name (`EAI_NONAME`, `EAI_AGAIN`, ...) or nil.
    public var error: String?
    public var durationMs: Double

    public init(addresses: [String], error: String? = nil, durationMs: Double) {
        self.addresses = addresses
        self.error = error
        self.durationMs = durationMs
    }
}

public struct DNSQuery: Codable, Sendable, Equatable {
    /// `A` or `AAAA`.
    public var type: String
    /// `NOERROR`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`, `FORMERR`, `NOTIMP`, ..., or `TIMEOUT`
    /// when no reply came, or `ERROR` when the query could not be sent.
    public var rcode: String
    public var authoritative: Bool
    public var durationMs: Double
    public var answers: [DNSRecord]
    /// Detail for `ERROR`.
    public var error: String?

    public init(type: String, rcode: String, authoritative: Bool, durationMs: Double, answers: [DNSRecord], error: String? = nil) {
        self.type = type
        self.rcode = rcode
        self.authoritative = authoritative
        self.durationMs = durationMs
        self.answers = answers
        self.error = error
    }
}

public struct DNSRecord: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var ttl: UInt32
    public var data: String

    public init(name: String, type: String, ttl: UInt32, data: String) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.data = data
    }
}

public struct CNAMELink: Codable, Sendable, Equatable {
    public var name: String
    public var target: String
    public var ttl: UInt32

    public init(name: String, target: String, ttl: UInt32) {
        self.name = name
        self.target = target
        self.ttl = ttl
    }
}
