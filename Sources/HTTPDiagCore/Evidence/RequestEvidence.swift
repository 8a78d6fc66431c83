/// The request as it went on the wire (from libcurl's debug stream), redacted.
public struct RequestEvidence: Codable, Sendable, Equatable {
    public var method: String
    /// Redacted URL (password and secret query values replaced).
    public var url: String
    /// Headers as sent, in order, redacted.
    public var headers: [HeaderField]
    public var body: RequestBody?
    /// Claims of a JWT bearer token, decoded without verification (signature dropped).
    public var token: TokenEvidence?
    /// Proxy taken from the environment (`https_proxy`, ...), redacted, or nil.
    public var proxy: String?

    public init(
        method: String,
        url: String,
        headers: [HeaderField] = [],
        body: RequestBody? = nil,
        token: TokenEvidence? = nil,
        proxy: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.token = token
        self.proxy = proxy
    }
}

public struct RequestBody: Codable, Sendable, Equatable {
    /// `data` (-d / --data-binary) or `multipart` (-F).
    public var kind: String
    public var size: Int
    /// Declared Content-Type, if any.
    public var contentType: String?
    /// First bytes as text, with secret fields redacted; nil for multipart.
    public var preview: String?
    /// Multipart fields (names, file names and sizes; never contents).
    public var parts: [MultipartPart]?
    /// For a multipart/form-data Content-Type set by hand: its boundary, or nil when missing.
    public var multipartBoundary: String?

    public init(
        kind: String,
        size: Int,
        contentType: String? = nil,
        preview: String? = nil,
        parts: [MultipartPart]? = nil,
        multipartBoundary: String? = nil
    ) {
        self.kind = kind
        self.size = size
        self.contentType = contentType
        self.preview = preview
        self.parts = parts
        self.multipartBoundary = multipartBoundary
    }
}

public struct MultipartPart: Codable, Sendable, Equatable {
    public var name: String
    public var filename: String?
    public var contentType: String?
    public var size: Int?

    public init(name: String, filename: String? = nil, contentType: String? = nil, size: Int? = nil) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}

public struct TokenEvidence: Codable, Sendable, Equatable {
    /// `jwt` or `opaque`.
    public var format: String
    /// Authorization scheme (`Bearer`, or empty when the header holds the bare token).
    public var scheme: String
    public var length: Int
    public var alg: String?
    public var kid: String?
    /// Cognito's `token_use`: `id` or `access`.
    public var tokenUse: String?
    public var aud: [String]?
    public var clientId: String?
    public var iss: String?
    public var scope: String?
    public var exp: Date?
    public var iat: Date?
    public var expired: Bool?
    /// Seconds until exp (negative when expired).
    public var expiresInSeconds: Double?

    public init(
        format: String,
        scheme: String,
        length: Int,
        alg: String? = nil,
        kid: String? = nil,
        tokenUse: String? = nil,
        aud: [String]? = nil,
        clientId: String? = nil,
        iss: String? = nil,
        scope: String? = nil,
        exp: Date? = nil,
        iat: Date? = nil,
        expired: Bool? = nil,
        expiresInSeconds: Double? = nil
    ) {
        self.format = format
        self.scheme = scheme
        self.length = length
        self.alg = alg
        self.kid = kid
        self.tokenUse = tokenUse
        self.aud = aud
        self.clientId = clientId
        self.iss = iss
        self.scope = scope
        self.exp = exp
        self.iat = iat
        self.expired = expired
        self.expiresInSeconds = expiresInSeconds
    }
}
