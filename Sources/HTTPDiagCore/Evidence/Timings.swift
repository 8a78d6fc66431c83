/// Per-phase durations in milliseconds (microsecond precision), read from libcurl's
/// `*_TIME_T` counters of the final hop. Phase names follow blackbox_exporter's
/// `probe_http_duration_seconds{phase}`: resolve, connect, tls, processing, transfer.
public struct Timings: Codable, Sendable, Equatable {
    /// Name resolution (0 when the address was pinned).
    public var dnsMs: Double
    /// TCP connect, after resolution.
    public var connectMs: Double
    /// TLS handshake, after connect (0 for plain HTTP).
    public var tlsMs: Double
    /// From handshake done to the request being on the wire.
    public var sendMs: Double
    /// Server processing: request sent to first response byte.
    public var waitMs: Double
    /// First byte to last byte.
    public var transferMs: Double
    /// Time to first byte since the start of this hop.
    public var firstByteMs: Double
    /// Whole hop, start to end.
    public var totalMs: Double
    /// Time spent in earlier redirect hops (0 without redirects).
    public var redirectMs: Double

    public init(
        dnsMs: Double = 0,
        connectMs: Double = 0,
        tlsMs: Double = 0,
        sendMs: Double = 0,
        waitMs: Double = 0,
        transferMs: Double = 0,
        firstByteMs: Double = 0,
        totalMs: Double = 0,
        redirectMs: Double = 0
    ) {
        self.dnsMs = dnsMs
        self.connectMs = connectMs
        self.tlsMs = tlsMs
        self.sendMs = sendMs
        self.waitMs = waitMs
        self.transferMs = transferMs
        self.firstByteMs = firstByteMs
        self.totalMs = totalMs
        self.redirectMs = redirectMs
    }

    /// Builds phases from libcurl's cumulative microsecond counters. A counter that reads
    /// 0 (phase never reached) leaves its phase at 0 instead of going negative.
    public static func fromCumulative(
        namelookup: Int64,
        connect: Int64,
        appconnect: Int64,
        pretransfer: Int64,
        starttransfer: Int64,
        total: Int64,
        redirect: Int64 = 0
    ) -> Timings {
        func ms(_ us: Int64) -> Double { Double(us) / 1000 }
        let connected = max(connect, namelookup)
        let secured = appconnect > 0 ? max(appconnect, connected) : connected
        let sent = pretransfer > 0 ? max(pretransfer, secured) : secured
        let first = starttransfer > 0 ? max(starttransfer, sent) : 0
        return Timings(
            dnsMs: ms(namelookup),
            connectMs: connect > 0 ? ms(connect - namelookup) : 0,
            tlsMs: appconnect > 0 ? ms(appconnect - connected) : 0,
            sendMs: pretransfer > 0 ? ms(sent - secured) : 0,
            waitMs: first > 0 ? ms(first - sent) : 0,
            transferMs: first > 0 ? ms(max(total - first, 0)) : 0,
            firstByteMs: ms(first),
            totalMs: ms(total),
            redirectMs: ms(redirect)
        )
    }

    /// (phase, duration) in drawing order, for waterfalls and metrics.
    public var phases: [(name: String, ms: Double)] {
        [
            ("dns", dnsMs), ("connect", connectMs), ("tls", tlsMs), ("send", sendMs),
            ("wait", waitMs), ("transfer", transferMs),
        ]
    }
}
