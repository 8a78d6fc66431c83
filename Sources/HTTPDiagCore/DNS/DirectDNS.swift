import CHTTPDiag

/// Direct DNS queries through libresolv: the reply's response code, CNAME chain and
/// TTLs, which getaddrinfo and libcurl's resolver hide.
public enum DirectDNS {
    public static let typeA: Int32 = 1
    public static let typeAAAA: Int32 = 28

    /// One query. `server` nil means the nameservers of /etc/resolv.conf.
    public static func query(_ name: String, type: Int32, server: DNSServer?, timeoutMs: Int) -> DNSQuery {
        let started = MonotonicClock.now()
        var rcode: Int32 = -1
        var aa: Int32 = 0
        var count: Int32 = 0
        var err: Int32 = 0
        let capacity = 64
        let records = UnsafeMutablePointer<hd_dns_record>.allocate(capacity: capacity)
        defer { records.deallocate() }
        let status = hd_dns_query(
            name,
            type,
            server?.host,
            Int32(server?.port ?? 53),
            Int32(timeoutMs),
            &rcode,
            &aa,
            records,
            Int32(capacity),
            &count,
            &err
        )
        let elapsed = MonotonicClock.millisecondsSince(started)
        let typeName = recordTypeName(type)
        switch status {
        case Int32(HD_DNS_TIMEOUT):
            return DNSQuery(
                type: typeName,
                rcode: "TIMEOUT",
                authoritative: false,
                durationMs: elapsed,
                answers: [],
                error: nil
            )
        case Int32(HD_DNS_OK):
            var answers: [DNSRecord] = []
            for i in 0..<Int(count) {
                var r = records[i]
                answers.append(
                    DNSRecord(
                        name: cString(&r.name),
                        type: recordTypeName(r.type),
                        ttl: r.ttl,
                        data: cString(&r.data)
                    )
                )
            }
            return DNSQuery(
                type: typeName,
                rcode: rcodeName(rcode),
                authoritative: aa != 0,
                durationMs: elapsed,
                answers: answers,
                error: nil
            )
        default:
            return DNSQuery(
                type: typeName,
                rcode: "ERROR",
                authoritative: false,
                durationMs: elapsed,
                answers: [],
                error: "errno \(err)"
            )
        }
    }

    public static func rcodeName(_ code: Int32) -> String {
        switch code {
        case 0: "NOERROR"
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        default: "RCODE\(code)"
        }
    }

    static func recordTypeName(_ type: Int32) -> String {
        switch type {
        case 1: "A"
        case 28: "AAAA"
        case 5: "CNAME"
        case 2: "NS"
        case 6: "SOA"
        case 16: "TXT"
        default: "TYPE\(type)"
        }
    }

    private static func cString<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// `--dns-server IP[:PORT]`.
public struct DNSServer: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int = 53) {
        self.host = host
        self.port = port
    }

    /// Parses `IP` or `IP:PORT` (IPv4 only: libresolv's classic server list).
    /// `field` names what the user wrote it in (`--dns-server`); a config leaves it out,
    /// since its error already starts with the field's path (`endpoints[0].dns_server: `).
    public init(parsing text: String, field: String? = nil) throws {
        let named = field.map { "\($0) " } ?? ""
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, IPAddress.isIPv4(String(parts[0])) else {
            throw InputError("\(named)'\(text)': expected an IPv4 address with an optional port, e.g. 127.0.0.1:5353")
        }
        host = String(parts[0])
        if parts.count == 2 {
            guard let p = Int(parts[1]), (1...65535).contains(p) else {
                throw InputError("\(named)'\(text)': port must be 1-65535")
            }
            port = p
        } else {
            port = 53
        }
    }

    public var description: String { "\(host):\(port)" }
}
