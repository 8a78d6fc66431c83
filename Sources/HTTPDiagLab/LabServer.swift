import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials  // LocalizedError
#else
import Foundation
#endif

/// An HTTP/1.1 server on loopback built on plain sockets, so that it can break the
/// protocol on purpose. One thread accepts; each connection gets its own thread.
public final class LabServer: Sendable {
    public let port: Int
    public let host: String
    private let fd: Int32
    private let routes: @Sendable (LabRequest) -> LabBehavior
    private let counters = Mutex<[String: Int]>([:])
    private let stopped = Atomic<Bool>(false)

    /// Binds `host` (127.0.0.1 or ::1) on `port` (0 = any free port) and starts serving.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        backlog: Int32 = 128,
        routes: @escaping @Sendable (LabRequest) -> LabBehavior
    ) throws {
        self.host = host
        self.routes = routes
        let v6 = host.contains(":")
        let s = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw LabError("socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if v6 {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &addr.sin6_addr)
            setsockopt(s, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &addr.sin_addr)
            bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard bound == 0, listen(s, backlog) == 0 else {
            let e = errno
            close(s)
            throw LabError("bind/listen \(host):\(port): errno \(e)")
        }
        fd = s
        self.port = Self.localPort(s)
        let server = self
        Thread.detach { server.acceptLoop() }
    }

    /// `http://127.0.0.1:PORT` (brackets for IPv6).
    public var baseURL: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }

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
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let server = self
            Thread.detach { server.serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        while let request = LabConnection.readRequest(client, buffer: &buffer) {
            var behavior = routes(request)
            if case .custom(let decide) = behavior { behavior = decide(request) }
            if case .sequence(let steps) = behavior, !steps.isEmpty {
                let n = counters.withLock { c -> Int in
                    c[request.path, default: 0] += 1
                    return c[request.path]!
                }
                behavior = steps[(n - 1) % steps.count]
            }
            guard LabConnection.perform(behavior, request: request, on: client, stopped: stopped) else { return }
        }
    }

    private static func localPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        if Int32(storage.ss_family) == AF_INET6 {
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        }
        return withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}

/// The errors of HTTPDiagLab: a loopback server that cannot be started.
public enum LabError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    /// A socket, bind or listen call failed (the errno is in the text).
    case system(String)

    init(_ d: String) { self = .system(d) }

    public var description: String {
        switch self {
        case .system(let d): d
        }
    }

    public var errorDescription: String? { description }

    /// A lab that cannot start is a failure of the machine, not of the request.
    public var httpStatus: Int { 500 }
}

/// A detached pthread: the lab server blocks in accept/read, which GCD's pool must not do.
enum Thread {
    static func detach(_ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ b: @escaping @Sendable () -> Void) { body = b }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attr, 256 * 1024)
        var thread = pthread_t()
        pthread_create(
            &thread,
            &attr,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body()
                return nil
            },
            box
        )
        pthread_attr_destroy(&attr)
    }
}
