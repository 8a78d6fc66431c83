import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A UDP nameserver stub on loopback that answers every query with one response code
/// (SERVFAIL, REFUSED, ...) or never answers: the DNS failures dnsmasq cannot produce.
public final class LabDNSResponder: Sendable {
    public enum Mode: Sendable {
        case rcode(UInt8)
        case silent
        /// A tiny authoritative zone: names (lower case, no trailing dot) → answer.
        case zone([String: ZoneAnswer])
    }

    public enum ZoneAnswer: Sendable {
        /// A and AAAA records with a TTL.
        case addresses([String], ttl: UInt32)
        case nxdomain, servfail, refused
        /// The name exists without A/AAAA records.
        case nodata
    }

    public let port: Int
    private let fd: Int32
    private let stopped = Atomic<Bool>(false)

    public init(mode: Mode, port: Int = 0) throws {
        let s = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard s >= 0 else { throw LabError("socket: errno \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            close(s)
            throw LabError("bind udp 127.0.0.1:\(port): errno \(errno)")
        }
        var bound = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        self.port = Int(UInt16(bigEndian: bound.sin_port))
        fd = s
        let server = self
        switch mode {
        case .silent: return  // bound, never read
        case .rcode(let code): Thread.detach { server.serve { _ in (code, []) } }
        case .zone(let zone): Thread.detach { server.serve { LabDNSResponder.answer($0, zone: zone) } }
        }
    }

    /// (rcode, answer records as wire bytes) for a query.
    static func answer(_ query: [UInt8], zone: [String: ZoneAnswer]) -> (UInt8, [[UInt8]]) {
        var labels: [String] = []
        var i = 12
        while i < query.count, query[i] != 0 {
            let n = Int(query[i])
            guard i + 1 + n <= query.count else { return (1, []) }
            labels.append(String(decoding: query[(i + 1)...(i + n)], as: UTF8.self))
            i += 1 + n
        }
        guard i + 4 < query.count else { return (1, []) }
        let qtype = Int(query[i + 1]) << 8 | Int(query[i + 2])
        let name = labels.joined(separator: ".").lowercased()
        switch zone[name] {
        case nil, .nxdomain?: return (3, [])
        case .servfail?: return (2, [])
        case .refused?: return (5, [])
        case .nodata?: return (0, [])
        case .addresses(let addresses, let ttl)?:
            var records: [[UInt8]] = []
            for a in addresses {
                var bytes = [UInt8](repeating: 0, count: 16)
                let isV6 = a.contains(":")
                guard (isV6 && qtype == 28) || (!isV6 && qtype == 1) else { continue }
                let ok = bytes.withUnsafeMutableBytes { inet_pton(isV6 ? AF_INET6 : AF_INET, a, $0.baseAddress) } == 1
                guard ok else { continue }
                let rdata = Array(bytes.prefix(isV6 ? 16 : 4))
                records.append(
                    [
                        0xC0, 0x0C, 0, UInt8(qtype), 0, 1,
                        UInt8(ttl >> 24 & 0xff), UInt8(ttl >> 16 & 0xff), UInt8(ttl >> 8 & 0xff), UInt8(ttl & 0xff),
                        0, UInt8(rdata.count),
                    ] + rdata
                )
            }
            return (0, records)
        }
    }

    private func serve(_ respond: ([UInt8]) -> (UInt8, [[UInt8]])) {
        var buffer = [UInt8](repeating: 0, count: 1500)
        while !stopped.load(ordering: .relaxed) {
            var from = sockaddr_storage()
            var fromLen = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let n = buffer.withUnsafeMutableBytes { b in
                withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, b.baseAddress, b.count, 0, $0, &fromLen)
                    }
                }
            }
            guard n >= 12 else {
                if n < 0 && errno != EINTR { return }
                continue
            }
            let query = Array(buffer[..<n])
            let (rcode, records) = respond(query)
            // Header and question of the query, without anything after the question.
            var end = 12
            while end < query.count, query[end] != 0 { end += Int(query[end]) + 1 }
            var reply = Array(query[..<min(end + 5, query.count)])
            // QR=1, keep opcode and RD; AA only for a zone's own answers (dnsmasq does not
            // pass on an "authoritative" SERVFAIL as it does a recursive one).
            reply[2] = 0x80 | (rcode == 0 || rcode == 3 ? 0x04 : 0) | (reply[2] & 0x79)
            reply[3] = 0x80 | (rcode & 0x0f)  // RA=1, the response code
            reply[4] = 0
            reply[5] = 1  // one question
            reply[6] = 0
            reply[7] = UInt8(records.count)
            for i in 8..<12 { reply[i] = 0 }
            for r in records { reply += r }
            _ = reply.withUnsafeBytes { b in
                withUnsafePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, b.baseAddress, b.count, 0, $0, fromLen)
                    }
                }
            }
        }
    }

    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    deinit { stop() }
}
