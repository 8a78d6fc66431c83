#if canImport(Glibc)
import Glibc
#endif

/// [::1]:`port` bound and never listened on, for as long as this object lives: a connect
/// there is refused, and no other server of a parallel test can take the port on ::1
/// (the kernel hands a port free on ::1 to a server binding ::1:0 even when a server of
/// this test listens on 127.0.0.1:port, and a case that expects ::1 refused then sees
/// that server answer).
public final class ClosedIPv6Port: @unchecked Sendable {
    public let port: Int
    private let fd: Int32

    /// Nil when something already holds [::1]:`port`.
    public init?(_ port: Int) {
        let s = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in6()
        addr.sin6_family = sa_family_t(AF_INET6)
        addr.sin6_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET6, "::1", &addr.sin6_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        guard bound == 0 else {
            close(s)
            return nil
        }
        self.port = port
        fd = s
    }

    deinit { close(fd) }
}
