#if canImport(Glibc)
import Glibc
#endif

/// Free loopback ports for servers that take a port number (openssl s_server, dnsmasq,
/// nginx...), never a fixed one: two test runs or labs can share a machine.
public enum LabPorts {
    /// A TCP port on 127.0.0.1 with nothing listening: bound once to port 0 to learn a
    /// free number, then closed. With `udp`, the same number is free for UDP too (dnsmasq
    /// listens on both). A racing process can take it before the caller binds it: the
    /// caller finds out (its server exits or never listens) and asks again.
    public static func free(udp: Bool = false) -> Int {
        for _ in 0..<100 {
            let tcp = bindLoopback(SOCK_STREAM, port: 0)
            guard tcp.fd >= 0 else { continue }
            defer { close(tcp.fd) }
            guard udp else { return tcp.port }
            let u = bindLoopback(SOCK_DGRAM, port: tcp.port)
            if u.fd >= 0 {
                close(u.fd)
                return tcp.port
            }
        }
        preconditionFailure("no free loopback port")
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var addr = loopback(port)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    /// Whether process `pid` owns the socket listening on TCP 127.0.0.1:`port`: the
    /// listener's inode from /proc/PID/net/tcp is one of the process's open files. A server
    /// that lost the race for a free port exits, but until it does, another program's
    /// listener on that port answers `accepts` as if it were ours.
    public static func isListening(port: Int, pid: pid_t) -> Bool {
        // The table of pid's own network namespace (a server may run in one a test made).
        guard let table = LabFile.read("/proc/\(pid)/net/tcp") else { return false }
        // local_address 0100007F:PORT (127.0.0.1, hex), state 0A (LISTEN), inode: 10th field.
        let local = "0100007F:" + hex4(port)
        var inodes = Set<String>()
        for line in table.split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count > 9, f[1] == local, f[3] == "0A" { inodes.insert("socket:[\(f[9])]") }
        }
        guard !inodes.isEmpty, let dir = opendir("/proc/\(pid)/fd") else { return false }
        defer { closedir(dir) }
        var link = [CChar](repeating: 0, count: 64)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let n = readlink("/proc/\(pid)/fd/\(name)", &link, link.count - 1)
            guard n > 0 else { continue }
            let target = link.prefix(n).withUnsafeBufferPointer { b in String(decoding: UnsafeRawBufferPointer(b), as: UTF8.self) }
            if inodes.contains(target) { return true }
        }
        return false
    }

    private static func hex4(_ port: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[(port >> ($0 * 4)) & 0xF] })
    }

    /// Waits until 127.0.0.1:`port` accepts connections, or `while` says to stop (the
    /// server exited); false when it did not within `timeout` seconds.
    public static func waitUntilAccepting(_ port: Int, timeout: Double = 5, while alive: () -> Bool = { true }) -> Bool {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while true {
            if accepts(port: port) { return true }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            if Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9 > timeout || !alive() { return false }
            usleep(20_000)
        }
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        return addr
    }

    private static func bindLoopback(_ type: __socket_type, port: Int) -> (fd: Int32, port: Int) {
        let s = socket(AF_INET, Int32(type.rawValue), 0)
        guard s >= 0 else { return (-1, 0) }
        var addr = loopback(port)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            close(s)
            return (-1, 0)
        }
        var bound = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        return (s, Int(UInt16(bigEndian: bound.sin_port)))
    }
}
