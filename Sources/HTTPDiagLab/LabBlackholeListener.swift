#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener whose accept queue is full and never drained: further SYNs are
/// dropped, so a client's connect times out for real (as behind a security group that
/// drops packets), on loopback and without privileges.
public final class LabBlackholeListener: Sendable {
    public let port: Int
    private let listener: Int32
    private let filler: Int32

    public init() throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard s >= 0, bound == 0, listen(s, 0) == 0 else { throw LabError("blackhole listener: errno \(errno)") }
        var local = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        port = Int(UInt16(bigEndian: local.sin_port))
        listener = s
        // One completed connection fills a backlog of 0; it is never accepted.
        let f = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        _ = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(f, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        filler = f
    }

    deinit {
        close(filler)
        close(listener)
    }
}
