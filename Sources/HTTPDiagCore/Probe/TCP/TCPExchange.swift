import CHTTPDiag

/// One bare TCP connection (follow-up probes): connect, optionally write a few bytes, and
/// wait for the first bytes back. Blocking, bounded by its two timeouts.
struct TCPExchange {
    var connected: Bool
    /// errno of a failed connect (ETIMEDOUT when the time ran out).
    var connectErrno: Int
    var connectMs: Double
    /// Bytes read back (at most 64), empty when none came.
    var firstBytes: [UInt8]
    /// From connected to the first byte.
    var firstByteMs: Double?
    /// The peer closed (EOF) or reset before sending anything.
    var closed: Bool
    var reset: Bool

    static func run(address: String, port: Int, connectTimeoutMs: Int, send: [UInt8], readTimeoutMs: Int) -> TCPExchange? {
        var r = hd_tcp_result()
        let rc = send.withUnsafeBufferPointer { buf in
            hd_tcp_exchange(
                address,
                Int32(port),
                Int32(max(connectTimeoutMs, 1)),
                buf.baseAddress,
                buf.count,
                Int32(max(readTimeoutMs, 0)),
                &r
            )
        }
        guard rc == 0 else { return nil }
        let bytes = withUnsafeBytes(of: r.first_bytes) { Array($0.prefix(Int(r.received))) }
        return TCPExchange(
            connected: r.connected != 0,
            connectErrno: Int(r.connect_errno),
            connectMs: Double(r.connect_ns) / 1_000_000,
            firstBytes: bytes,
            firstByteMs: r.received > 0 ? Double(r.first_byte_ns) / 1_000_000 : nil,
            closed: r.closed != 0,
            reset: r.reset != 0
        )
    }
}
