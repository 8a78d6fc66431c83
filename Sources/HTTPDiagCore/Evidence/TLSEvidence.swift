/// The TLS session of the final hop: negotiated parameters, the verify result and the
/// certificate chain as the server sent it.
public struct TLSEvidence: Codable, Sendable, Equatable {
    /// `TLSv1.3`, `TLSv1.2`, ...; nil when the handshake did not finish.
    public var version: String?
    public var cipher: String?
    /// ALPN protocol chosen by the server (`h2`, `http/1.1`) or nil.
    public var alpn: String?
    /// True when libcurl verified chain and host name.
    public var verified: Bool
    /// OpenSSL's X509 verify code (0 = ok) when verification ran.
    public var verifyResult: Int?
    /// Human form of the verify result, e.g. `certificate has expired`.
    public var verifyReason: String?
    /// Whether a SAN of the leaf matches the host (checked by httpdiag from the chain).
    public var hostnameMatches: Bool?
    /// The server sent a CertificateRequest (mTLS).
    public var clientCertificateRequested: Bool
    /// A client certificate was configured and offered.
    public var clientCertificateSent: Bool
    /// Fatal alert the server sent, if any.
    public var alertReceived: TLSAlert?
    /// Alert our side sent (it gave up on the handshake), if any.
    public var alertSent: TLSAlert?
    /// Why our side sent that alert, in OpenSSL's words for its own reason code
    /// (`excessive message size`, `wrong version number`, ...), when OpenSSL gave one.
    public var alertSentReason: String?
    /// Certificates as sent by the server, leaf first.
    public var chain: [CertificateInfo]
    /// Days until the earliest notAfter in the chain (negative when expired).
    public var earliestExpiryDays: Double?
    /// The chain was read by a second, connect-only handshake without verification,
    /// because the verified one failed (no request is sent on that connection).
    public var chainFromUnverifiedHandshake: Bool

    public init(
        version: String? = nil,
        cipher: String? = nil,
        alpn: String? = nil,
        verified: Bool = false,
        verifyResult: Int? = nil,
        verifyReason: String? = nil,
        hostnameMatches: Bool? = nil,
        clientCertificateRequested: Bool = false,
        clientCertificateSent: Bool = false,
        alertReceived: TLSAlert? = nil,
        chain: [CertificateInfo] = [],
        earliestExpiryDays: Double? = nil,
        chainFromUnverifiedHandshake: Bool = false,
        alertSent: TLSAlert? = nil
    ) {
        self.version = version
        self.cipher = cipher
        self.alpn = alpn
        self.verified = verified
        self.verifyResult = verifyResult
        self.verifyReason = verifyReason
        self.hostnameMatches = hostnameMatches
        self.clientCertificateRequested = clientCertificateRequested
        self.clientCertificateSent = clientCertificateSent
        self.alertReceived = alertReceived
        self.chain = chain
        self.earliestExpiryDays = earliestExpiryDays
        self.chainFromUnverifiedHandshake = chainFromUnverifiedHandshake
        self.alertSent = alertSent
    }
}

public struct TLSAlert: Codable, Sendable, Equatable {
    /// RFC 8446 alert description number (40 handshake_failure, 116 certificate_required...).
    public var code: Int
    /// The RFC's name for it: `handshake_failure`, `certificate_required`, ... (`unassigned`).
    public var name: String

    public init(code: Int, name: String) {
        self.code = code
        self.name = name
    }
}

public struct CertificateInfo: Codable, Sendable, Equatable {
    public var subject: String
    public var issuer: String
    /// Subject alternative names as `DNS:name` / `IP:address`.
    public var sans: [String]
    public var notBefore: Date?
    public var notAfter: Date?
    /// Days from now until notAfter (negative when expired).
    public var daysLeft: Double?
    public var serial: String?
    public var signatureAlgorithm: String?
    public var publicKeyAlgorithm: String?
    public var selfSigned: Bool

    public init(
        subject: String,
        issuer: String,
        sans: [String],
        notBefore: Date? = nil,
        notAfter: Date? = nil,
        daysLeft: Double? = nil,
        serial: String? = nil,
        signatureAlgorithm: String? = nil,
        publicKeyAlgorithm: String? = nil,
        selfSigned: Bool
    ) {
        self.subject = subject
        self.issuer = issuer
        self.sans = sans
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.daysLeft = daysLeft
        self.serial = serial
        self.signatureAlgorithm = signatureAlgorithm
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.selfSigned = selfSigned
    }
}
