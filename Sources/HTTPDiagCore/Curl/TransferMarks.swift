/// Moments of one transfer seen by our own callbacks, in microseconds since the transfer
/// began (nil: not seen). libcurl leaves its counter of a phase at 0 when the transfer
/// fails in or after that phase (no first byte before a timeout, no connect time for a
/// failed handshake), so the phases of a failed transfer are taken from these.
struct TransferMarks: Equatable {
    /// The first socket was opened: the name was resolved, the connect began.
    var socketOpened: Int64?
    /// TCP was connected, from the SYN/SYN-ACK round trip of the only socket (TCP_INFO).
    var tcpConnected: Int64?
    /// Our first TLS record (the ClientHello) was written: TCP was connected.
    var tlsFirstWrite: Int64?
    /// The handshake finished (SSL_CB_HANDSHAKE_DONE).
    var tlsDone: Int64?
    /// The server's TLS alert arrived.
    var tlsAlert: Int64?
    /// The first request header block was written.
    var requestSent: Int64?
    /// The first response byte: a header line, or bytes where a status line should be.
    var firstResponseByte: Int64?

    /// Microseconds from `start` to a CLOCK_MONOTONIC ns mark (0 = not seen).
    static func offset(_ ns: Int64, from start: Int64) -> Int64? {
        ns == 0 ? nil : max((ns - start) / 1000, 0)
    }
}

/// libcurl's cumulative `*_TIME_T` counters of one transfer, in microseconds.
struct CurlCounters: Equatable {
    var namelookup: Int64 = 0
    var connect: Int64 = 0
    var appconnect: Int64 = 0
    var pretransfer: Int64 = 0
    var starttransfer: Int64 = 0
    var total: Int64 = 0
}

extension Timings {
    /// The phases of one transfer: libcurl's counters, and for a failed transfer the
    /// phases libcurl left at 0 filled from our own marks, so that a timeout after the
    /// request shows the wait it was, a failed handshake its connect and TLS time, and a
    /// refused or timed-out connect the time it took.
    static func measured(_ c: CurlCounters, marks m: TransferMarks, tls: Bool, failed: Bool) -> Timings {
        let fromCurl = fromCumulative(
            namelookup: c.namelookup,
            connect: c.connect,
            appconnect: c.appconnect,
            pretransfer: c.pretransfer,
            starttransfer: c.starttransfer,
            total: c.total
        )
        guard failed else { return fromCurl }
        func ms(_ us: Int64) -> Double { Double(max(us, 0)) / 1000 }
        let total = c.total
        // Each moment is clamped to the one before, so that phases never go negative.
        let resolved = min(c.namelookup > 0 ? c.namelookup : (m.socketOpened ?? 0), total)
        // Our first bytes out: TCP was connected by then (late by the TLS library's set-up).
        let firstOut = [m.tlsFirstWrite, m.requestSent].compactMap { $0 }.min()
        // The earliest of libcurl's CONNECT_TIME and our own marks: on the event loop,
        // libcurl 7.88 can stamp CONNECT_TIME only when a failed handshake ends the
        // transfer, which would leave the handshake no time at all.
        let connectedRaw = [c.connect > 0 ? c.connect : nil, m.tcpConnected, firstOut].compactMap { $0 }.min()
        let connected = connectedRaw.map { min(max($0, resolved), total) }
        var secured: Int64?
        if let connected {
            if !tls {
                secured = connected
            } else if c.appconnect > 0 {
                secured = max(c.appconnect, connected)
            } else if let done = m.tlsDone {
                secured = max(done, connected)
            }
        }
        let sentRaw = c.pretransfer > 0 && secured != nil ? c.pretransfer : m.requestSent
        let sent = sentRaw.flatMap { s in secured.map { min(max(s, $0), total) } }
        let firstRaw = c.starttransfer > 0 ? c.starttransfer : m.firstResponseByte
        let first = firstRaw.flatMap { f in sent.map { min(max(f, $0), total) } }

        var t = Timings(dnsMs: ms(resolved), totalMs: ms(total))
        if let connected {
            t.connectMs = ms(connected - resolved)
            if tls {
                // A handshake that never finished lasted until the server's alert or the failure.
                let tlsEnd = secured ?? min(max(m.tlsAlert ?? total, connected), total)
                t.tlsMs = ms(tlsEnd - connected)
            }
        } else if m.socketOpened != nil {
            // Never connected: the connect attempt lasted until the failure.
            t.connectMs = ms(total - resolved)
        }
        if let sent, let secured {
            t.sendMs = ms(sent - secured)
            // No first byte: the wait lasted until the failure (timeout, close, reset).
            t.waitMs = ms((first ?? total) - sent)
        }
        if let first {
            t.firstByteMs = ms(first)
            t.transferMs = ms(total - first)
        }
        return t
    }
}
