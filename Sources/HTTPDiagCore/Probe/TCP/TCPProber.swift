#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to ask for: where, how long to wait, and what to send (nothing:
/// only whether the peer speaks first).
struct TCPQuestion: Sendable {
    var address: String
    var port: Int
    var connectTimeoutMs: Int
    var send: [UInt8] = []
    var readTimeoutMs: Int
}

/// The TCP layer on its own: a connect (no libcurl, no TLS, no HTTP), optionally a few
/// bytes written, and the first bytes back or how the peer ended it (TCPExchange). The
/// evidence is nil when the exchange could not be tried at all (a bad address); the
/// failure is the connect's, classified as a transfer's would be (TCPFailure).
struct TCPProber: LayerProber {
    static let layer = ProbeLayer.tcp

    func probe(_ q: TCPQuestion, context: ProbeContext) async -> LayerOutcome<TCPExchange?> {
        let exchange = await BlockingCall.run {
            TCPExchange.run(address: q.address, port: q.port, connectTimeoutMs: q.connectTimeoutMs, send: q.send, readTimeoutMs: q.readTimeoutMs)
        }
        guard let exchange, !exchange.connected else { return LayerOutcome(evidence: exchange) }
        return LayerOutcome(evidence: exchange, failure: Self.connectFailure(exchange))
    }

    /// The failed connect as a failure kind: refused, timed out, unreachable, or local.
    static func connectFailure(_ x: TCPExchange) -> ProbeError {
        let err = Int32(x.connectErrno)
        func failure(_ kind: FailureKind, _ detail: String) -> ProbeError {
            ProbeError(kind: kind, message: "\(kind.summary): \(detail)", osErrno: x.connectErrno == 0 ? nil : x.connectErrno, phase: "connect")
        }
        let took = "after \(Format.ms(x.connectMs))"
        switch err {
        case ECONNREFUSED: return failure(.connectRefused, took)
        case ETIMEDOUT: return failure(.connectTimeout, took)
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: return failure(.networkUnreachable, OSErrno.describe(err))
        default:
            return failure(.localError, "connect() failed on this machine: \(OSErrno.describe(err))\(TCPFailure.localConnectHint(err))")
        }
    }
}
