import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport

/// A case's servers, running: the upstream first (a closed port, a socket server or a
/// real server), then the case's server in front of it, each on a free loopback port.
/// `stop()` stops them in reverse order and reports anything left running.
final class RealServerTopology: @unchecked Sendable {
    let server: RealServer
    private let upstreamServer: RealServer?
    private let upstreamSocket: LabServer?
    /// The case's server listens on 127.0.0.1 only; its port on ::1 is held closed.
    private let closedIPv6: ClosedIPv6Port

    init(_ labCase: RealServerLabCase) throws {
        var upstreamPort: Int?
        var upstreamServer: RealServer?
        var upstreamSocket: LabServer?
        switch labCase.upstream {
        case .none:
            break
        case .closedPort:
            upstreamPort = closedPort()
        case .socket(let behavior, _):
            let socket = try labServer(behavior)
            upstreamSocket = socket
            upstreamPort = socket.port
        case .server(let spec):
            let server = try Self.startOnFreePort { try spec.start(port: $0, upstreamPort: nil) }
            upstreamServer = server
            upstreamPort = server.port
        }
        var hold: ClosedIPv6Port?
        do {
            let started = try Self.startOnFreePort { port in
                hold = ClosedIPv6Port(port)
                guard hold != nil else { throw TestSupportError("[::1]:\(port) is taken") }
                return try labCase.server.start(port: port, upstreamPort: upstreamPort)
            }
            guard let hold else {
                started.stop()
                throw TestSupportError("the port of \(labCase.name) is not held on ::1")
            }
            server = started
            closedIPv6 = hold
        } catch {
            upstreamServer?.stop()
            upstreamSocket?.stop()
            throw error
        }
        self.upstreamServer = upstreamServer
        self.upstreamSocket = upstreamSocket
    }

    /// Stops every server; returns the pids of anything still running afterwards.
    @discardableResult
    func stop() -> [pid_t] {
        server.stop()
        upstreamServer?.stop()
        upstreamSocket?.stop()
        return [server, upstreamServer].compactMap { $0 }.flatMap { RealServer.runningMembers(ofGroup: $0.pid) }
    }

    /// A free port is found by binding and closing, so another test can take it before
    /// the server binds it: then the server fails to start, and it is tried once more.
    private static func startOnFreePort(_ start: (Int) throws -> RealServer) throws -> RealServer {
        do {
            return try start(closedPort())
        } catch let error as TestSupportError where !error.description.contains("is not installed") {
            return try start(closedPort())
        }
    }
}
