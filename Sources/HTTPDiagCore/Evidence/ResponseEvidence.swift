/// The response of the final hop.
public struct ResponseEvidence: Codable, Sendable, Equatable {
    /// `HTTP/1.1`, `HTTP/2`, `HTTP/0.9` (no status line).
    public var httpVersion: String
    public var status: Int
    public var reason: String
    /// Every header in order, duplicates kept, secrets redacted.
    public var headers: [HeaderField]
    public var contentType: String?
    public var contentEncoding: String?
    /// Bytes of body received (after decoding with --compressed).
    public var bodySize: Int
    /// The first `--capture-body` bytes of the body (UTF-8, invalid bytes replaced), redacted.
    public var body: String
    /// True when the body was longer than what was captured.
    public var bodyTruncated: Bool
    /// Address and port the response came from.
    public var remoteAddress: String?
    public var remotePort: Int?

    public init(
        httpVersion: String,
        status: Int,
        reason: String,
        headers: [HeaderField],
        contentType: String? = nil,
        contentEncoding: String? = nil,
        bodySize: Int = 0,
        body: String = "",
        bodyTruncated: Bool = false,
        remoteAddress: String? = nil,
        remotePort: Int? = nil
    ) {
        self.httpVersion = httpVersion
        self.status = status
        self.reason = reason
        self.headers = headers
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.bodySize = bodySize
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }
}

/// One followed redirect: the hop that answered 3xx.
public struct RedirectHop: Codable, Sendable, Equatable {
    public var url: String
    public var status: Int
    public var location: String
    public var address: String?
    public var totalMs: Double
    /// Its Location leads back to a URL this chain already visited (this hop's own
    /// included): the redirects loop. False all along a chain of distinct URLs.
    public var loopsBack: Bool

    public init(url: String, status: Int, location: String, address: String? = nil, totalMs: Double, loopsBack: Bool = false) {
        self.url = url
        self.status = status
        self.location = location
        self.address = address
        self.totalMs = totalMs
        self.loopsBack = loopsBack
    }

    enum CodingKeys: String, CodingKey { case url, status, location, address, totalMs, loopsBack }

    /// `loops_back` is optional on input: documents and fixtures written before it still load.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decode(String.self, forKey: .url)
        status = try c.decode(Int.self, forKey: .status)
        location = try c.decode(String.self, forKey: .location)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        totalMs = try c.decode(Double.self, forKey: .totalMs)
        loopsBack = try c.decodeIfPresent(Bool.self, forKey: .loopsBack) ?? false
    }
}
