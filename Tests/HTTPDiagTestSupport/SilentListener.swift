import Foundation
import HTTPDiagLab

/// A TCP listener that never calls accept: the kernel completes the handshake (a client's
/// connect succeeds, its bytes are queued) and nothing ever comes back, as from a hung
/// server. Unlike LabBlackholeListener its backlog has room, so connects do succeed.
public final class SilentListener: @unchecked Sendable {
    public let port: Int
    public let host: String
    private let fd: Int32

    public init(host: String = "127.0.0.1") throws {
        self.host = host
        let v6 = host.contains(":")
        let s = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        var bound: Int32 = -1
        if v6 {
            setsockopt(s, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            inet_pton(AF_INET6, host, &addr.sin6_addr)
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, host, &addr.sin_addr)
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard s >= 0, bound == 0, listen(s, 64) == 0 else { throw TestSupportError("silent listener: errno \(errno)") }
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        port = withUnsafePointer(to: &storage) { p -> Int in
            v6
                ? p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
                : p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
        fd = s
    }

    public var url: String { host.contains(":") ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/" }

    deinit { close(fd) }
}
