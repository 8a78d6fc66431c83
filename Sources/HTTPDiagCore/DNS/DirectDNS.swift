import CHTTPDiag

/// Direct DNS queries through libresolv: the reply's response code, CNAME chain and
/// TTLs, which getaddrinfo and libcurl's resolver hide. One UDP query to one nameserver
/// (`--dns-server`, or the first of /etc/resolv.conf), built by res_nmkquery on our own
/// socket; the async form waits for the reply on the curl event loop.
public enum DirectDNS {
    public static let typeA: Int32 = 1
    public static let typeAAAA: Int32 = 28

    /// One query, blocking the calling thread. `server` nil means the nameservers of /etc/resolv.conf.
    public static func query(_ name: String, type: Int32, server: DNSServer?, timeoutMs: Int) -> DNSQuery {
        let started = MonotonicClock.now()
        let reply = Reply()
        reply.status = hd_dns_query(
            name,
            type,
            server?.host,
            Int32(server?.port ?? 53),
            Int32(timeoutMs),
            &reply.rcode,
            &reply.aa,
            reply.records,
            Int32(Reply.capacity),
            &reply.count,
            &reply.err
        )
        return reply.query(type: type, durationMs: MonotonicClock.millisecondsSince(started))
    }

    /// The same query without blocking a thread: sent here on a non-blocking socket, its
    /// reply waited for on the curl event loop (CurlMultiLoop.watch) among the transfers.
    /// Task cancellation ends the wait at once (an ERROR query that says so).
    public static func query(_ name: String, type: Int32, server: DNSServer?, timeoutMs: Int) async -> DNSQuery {
        let started = MonotonicClock.now()
        let reply = Reply()
        var fd: Int32 = -1
        var id: (UInt8, UInt8) = (0, 0)
        reply.status = withUnsafeMutableBytes(of: &id) { idBytes in
            hd_dns_start(
                name,
                type,
                server?.host,
                Int32(server?.port ?? 53),
                &fd,
                idBytes.baseAddress!.assumingMemoryBound(to: UInt8.self),
                &reply.err
            )
        }
        guard reply.status == Int32(HD_DNS_OK) else {
            return reply.query(type: type, durationMs: MonotonicClock.millisecondsSince(started))
        }
        defer { hd_dns_close(fd) }
        let queryID = id
        let socket = fd
        let deadline = hd_monotonic_ns() + Int64(max(timeoutMs, 0)) * 1_000_000
        let slot = CurlMultiLoop.CancelSlot<CurlMultiLoop.Watch>()
        let loop = CurlMultiLoop.shared
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let watch = loop.watch(
                    fd: socket,
                    deadlineNs: deadline,
                    readable: {
                        var id = queryID
                        let rc = withUnsafeBytes(of: &id) { idBytes in
                            hd_dns_receive(
                                socket,
                                idBytes.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                &reply.rcode,
                                &reply.aa,
                                reply.records,
                                Int32(Reply.capacity),
                                &reply.count,
                                &reply.err
                            )
                        }
                        if rc == Int32(HD_DNS_AGAIN) { return false }
                        reply.status = rc
                        continuation.resume()
                        return true
                    },
                    ended: { cancelled in
                        reply.status = cancelled ? Reply.cancelled : Int32(HD_DNS_TIMEOUT)
                        continuation.resume()
                    }
                )
                if slot.attach(watch) { loop.unwatch(watch) }
            }
        } onCancel: {
            if let watch = slot.cancelRequested() { loop.unwatch(watch) }
        }
        return reply.query(type: type, durationMs: MonotonicClock.millisecondsSince(started))
    }

    /// What one query got back, filled in by the C side (from one thread at a time: the
    /// caller's, then the loop's, then the caller's again after the continuation).
    private final class Reply: @unchecked Sendable {
        static let capacity = 64
        static let cancelled: Int32 = -100
        var status: Int32 = Int32(HD_DNS_ERROR)
        var rcode: Int32 = -1
        var aa: Int32 = 0
        var count: Int32 = 0
        var err: Int32 = 0
        let records = UnsafeMutablePointer<hd_dns_record>.allocate(capacity: Reply.capacity)

        deinit { records.deallocate() }

        func query(type: Int32, durationMs elapsed: Double) -> DNSQuery {
            let typeName = DirectDNS.recordTypeName(type)
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
                            name: DirectDNS.cString(&r.name),
                            type: DirectDNS.recordTypeName(r.type),
                            ttl: r.ttl,
                            data: DirectDNS.cString(&r.data)
                        )
                    )
                }
                return DNSQuery(
                    type: typeName,
                    rcode: DirectDNS.rcodeName(rcode),
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
                    error: status == Reply.cancelled ? "cancelled" : "errno \(err)"
                )
            }
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

    fileprivate static func cString<T>(_ tuple: inout T) -> String {
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
