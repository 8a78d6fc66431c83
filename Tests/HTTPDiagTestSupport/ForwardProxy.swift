import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real forward proxy on 127.0.0.1, as small as one can be: `CONNECT host:port` opens a
/// tunnel (HTTPS through the proxy), an absolute-form request (`GET http://host:port/x`)
/// is forwarded in origin form with `Via: 1.1 test-proxy` added, and the bytes are pumped
/// both ways until either side closes. Only loopback targets are reached (anything else
/// gets 403), so a test can never leave the machine. Each request line is recorded.
public final class ForwardProxy: @unchecked Sendable {
    public let port: Int
    private let fd: Int32
    private let stopped = Atomic<Bool>(false)
    private let requestLines = Mutex<[String]>([])

    public init() throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw TestSupportError("socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 64) == 0 else {
            close(s)
            throw TestSupportError("proxy bind/listen: errno \(errno)")
        }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) } }
        fd = s
        port = Int(UInt16(bigEndian: local.sin_port))
        let proxy = self
        Foundation.Thread.detachNewThread { proxy.acceptLoop() }
    }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The request lines the proxy was sent, in order (`CONNECT localhost:443 HTTP/1.1`, `GET http://... HTTP/1.1`).
    public var seen: [String] { requestLines.withLock { $0 } }

    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    deinit { stop() }

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let proxy = self
            Foundation.Thread.detachNewThread { proxy.serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var headEnd: Int?
        while headEnd == nil {
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { return }
            buffer += chunk[0..<n]
            headEnd = Self.find([13, 10, 13, 10], in: buffer).map { $0 + 4 }
            if buffer.count > 64 * 1024 { return }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        let rest = Array(buffer[headEnd!...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        requestLines.withLock { $0.append(requestLine) }
        let parts = requestLine.split(separator: " ").map(String.init)
        guard parts.count == 3 else { return reply(client, "400 Bad Request") }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        if method == "CONNECT" {
            guard let (host, port) = Self.hostPort(target, defaultPort: 443), let upstream = Self.connectLoopback(host, port) else {
                return reply(client, "403 Forbidden")
            }
            defer { close(upstream) }
            _ = Self.writeAll(client, Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
            if !rest.isEmpty { _ = Self.writeAll(upstream, rest) }
            Self.pump(client, upstream)
            return
        }
        guard target.hasPrefix("http://") else { return reply(client, "400 Bad Request") }
        let afterScheme = target.dropFirst(7)
        let authority = String(afterScheme.prefix { $0 != "/" && $0 != "?" })
        var path = String(afterScheme.dropFirst(authority.count))
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        guard let (host, port) = Self.hostPort(authority, defaultPort: 80), let upstream = Self.connectLoopback(host, port) else {
            return reply(client, "403 Forbidden")
        }
        defer { close(upstream) }
        let headers = lines.filter { !$0.isEmpty && !$0.lowercased().hasPrefix("proxy-") }
        let forwarded = ([method + " " + path + " " + version] + headers + ["Via: 1.1 test-proxy", "", ""]).joined(separator: "\r\n")
        _ = Self.writeAll(upstream, Array(forwarded.utf8) + rest)
        Self.pump(client, upstream)
    }

    private func reply(_ client: Int32, _ status: String) {
        _ = Self.writeAll(client, Array("HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
    }

    /// Bytes both ways until either side closes.
    static func pump(_ a: Int32, _ b: Int32) {
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 32 * 1024)
        while poll(&fds, 2, 10_000) > 0 {
            for (i, from) in [a, b].enumerated() where fds[i].revents != 0 {
                let n = read(from, &chunk, chunk.count)
                if n <= 0 || !writeAll(from == a ? b : a, Array(chunk[0..<n])) { return }
            }
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        return (0...(hay.count - needle.count)).first { hay[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    static func hostPort(_ authority: String, defaultPort: Int) -> (String, Int)? {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? defaultPort : defaultPort)
        }
        let parts = authority.split(separator: ":", maxSplits: 1).map(String.init)
        guard let host = parts.first else { return nil }
        return (host, parts.count == 2 ? Int(parts[1]) ?? defaultPort : defaultPort)
    }

    /// A connection to a loopback address only (`localhost` is 127.0.0.1 here).
    static func connectLoopback(_ host: String, _ port: Int) -> Int32? {
        let v6 = host == "::1"
        guard v6 || host == "localhost" || host.hasPrefix("127.") else { return nil }
        let s = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { return nil }
        let rc: Int32
        if v6 {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, "::1", &addr.sin6_addr)
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &addr.sin_addr)
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard rc == 0 else {
            close(s)
            return nil
        }
        return s
    }
}
