/// Everything libcurl needs for one hop (one request/response exchange).
struct HopRequest {
    var url: String
    var method: String
    var nobody: Bool
    var headers: [String]
    var body: [UInt8]?
    var multipart: [MultipartField]
    var userpwd: String?
    var resolve: [String]
    var connectTo: [String]
    var httpVersion: HTTPVersionPreference
    var tls: TLSOptions
    var connectTimeoutMs: Int
    var totalTimeoutMs: Int
    var captureLimit: Int
    var maxDownload: Int
    var compressed: Bool
    var userAgent: String
    /// Handshake only (CURLOPT_CONNECT_ONLY): used to read a chain that failed verification.
    var connectOnly = false
    /// No proxy, whatever the environment says (follow-ups go to one exact address).
    var noProxy = false
    /// -x (nil: libcurl reads the environment; empty: no proxy).
    var proxy: String?
    /// --noproxy (nil: libcurl reads no_proxy).
    var noProxyList: String?
    /// -4 / -6.
    var ipFamily: IPFamily = .any
    /// -o: the whole body (up to maxDownload) is kept, not only captureLimit bytes.
    var keepBody = false

    /// A plain GET of `url` with libcurl's defaults for everything else.
    init(url: String, userAgent: String, timeoutMs: Int) {
        self.url = url
        method = "GET"
        nobody = false
        headers = []
        body = nil
        multipart = []
        userpwd = nil
        resolve = []
        connectTo = []
        httpVersion = .automatic
        tls = TLSOptions()
        connectTimeoutMs = timeoutMs
        totalTimeoutMs = timeoutMs
        captureLimit = 4096
        maxDownload = 1 << 20
        compressed = false
        self.userAgent = userAgent
    }

    /// The one mapping of a check's options onto a hop: what the user asked for, sent to
    /// `url`. Callers change what differs for their hop (a redirect's method and headers,
    /// the time left, a follow-up's stripped credentials).
    init(options o: ProbeOptions, url: String) {
        self.init(url: url, userAgent: o.userAgent, timeoutMs: o.maxTimeMs)
        method = o.effectiveMethod
        nobody = o.head || method == "HEAD"
        headers = o.headers
        body = o.body
        multipart = o.multipart
        userpwd = o.userpwd
        resolve = o.resolve
        connectTo = o.connectTo
        httpVersion = o.httpVersion
        tls = o.tls
        connectTimeoutMs = min(o.connectTimeoutMs ?? o.maxTimeMs, o.maxTimeMs)
        captureLimit = o.captureBytes
        maxDownload = o.maxDownloadBytes
        compressed = o.compressed
        proxy = o.proxy
        noProxyList = o.noProxy
        ipFamily = o.ipFamily
        keepBody = o.keepBody
    }
}

public enum HTTPVersionPreference: String, Sendable, Codable {
    case automatic
    case http1_1 = "1.1"
    case http2 = "2"
}

public struct TLSOptions: Sendable, Equatable {
    public var insecure = false
    public var caFile: String?
    public var clientCert: String?
    public var clientKey: String?
    public init(insecure: Bool = false, caFile: String? = nil, clientCert: String? = nil, clientKey: String? = nil) {
        self.insecure = insecure
        self.caFile = caFile
        self.clientCert = clientCert
        self.clientKey = clientKey
    }
}

/// What one hop produced, raw: classification happens later.
struct HopOutcome {
    var curlCode: Int
    var curlMessage: String
    var osErrno: Int
    var statusLine: TransferSink.StatusLine?
    /// Interim (1xx) responses before `statusLine` (which is itself 1xx when no final one came).
    var interimResponses = 0
    var headers: [HeaderField]
    var body: [UInt8]
    var bodySize: Int
    var headersTooLarge: Bool
    var bodyTooLarge: Bool
    var nonHTTPBytes: [UInt8]?
    var sentHeaderText: String
    var timings: Timings
    var primaryIP: String?
    var primaryPort: Int
    var redirectURL: String?
    var certificates: [[String]]
    var verifyResult: Int
    var tls: TLSObservation
    var connected: Bool
    /// The task was cancelled and the transfer stopped (a deadline, a client that went away).
    var cancelled = false

    /// The status line of the final response: nil when none came, or only interim (1xx) ones.
    var finalStatusLine: TransferSink.StatusLine? {
        guard let line = statusLine, !(100..<200).contains(line.status) else { return nil }
        return line
    }
}

/// Copy of the C observation, in Swift types.
struct TLSObservation {
    var handshakeDone: Bool
    var alertReceived: Int?
    var alertSent: Int?
    var sawServerHello: Bool
    var sentAny: Bool
    var sawCertificateRequest: Bool
    var sentCertificate: Bool
    var firstRecordByte: Int?
    var version: String
    var cipher: String
    var alpn: String
    /// OpenSSL's reason code (and text) for the fatal alert our side sent (0 / "" = unknown).
    var alertSentReason = 0
    var alertSentReasonText = ""
    /// The client's limit on the server's certificate list, in bytes (0 = unknown).
    var maxCertList = 0
}
