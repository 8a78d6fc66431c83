#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A UDP nameserver stub on loopback that answers every query with one response code
/// (SERVFAIL, REFUSED, ...) or never answers: the DNS failures dnsmasq cannot produce.
public final class LabDNSResponder: Sendable {
    public enum Mode: Sendable { case rcode(UInt8), silent }

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
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { close(s); throw LabError("bind udp 127.0.0.1:\(port): errno \(errno)") }
        var bound = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        self.port = Int(UInt16(bigEndian: bound.sin_port))
        fd = s
        guard case .rcode(let code) = mode else { return }  // silent: bound, never read
        let server = self
        Thread.detach { server.serve(rcode: code) }
    }

    private func serve(rcode: UInt8) {
        var buffer = [UInt8](repeating: 0, count: 1500)
        while !stopped.load(ordering: .relaxed) {
            var from = sockaddr_storage()
            var fromLen = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let n = buffer.withUnsafeMutableBytes { b in
                withUnsafeMutablePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(fd, b.baseAddress, b.count, 0, $0, &fromLen) } }
            }
            guard n >= 12 else { if n < 0 && errno != EINTR { return }; continue }
            var reply = Array(buffer[..<n])
            reply[2] = 0x80 | (reply[2] & 0x79)   // QR=1, keep opcode and RD
            reply[3] = 0x80 | (rcode & 0x0f)      // RA=1, the response code
            for i in 6..<12 { reply[i] = 0 }       // no answer, authority or additional records
            _ = reply.withUnsafeBytes { b in
                withUnsafePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, b.baseAddress, b.count, 0, $0, fromLen) } }
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
