/// Why a probe failed. `kind` is the classification; the rest is the raw evidence it
/// was derived from.
public struct ProbeError: Codable, Sendable, Equatable {
    public var kind: FailureKind
    public var message: String
    /// libcurl's CURLcode (0 when the failure came from elsewhere).
    public var curlCode: Int
    /// errno of the failed socket call, when libcurl reports one.
    public var osErrno: Int?
    /// Its symbolic name (`ECONNREFUSED`, `EADDRNOTAVAIL`, ...).
    public var osErrnoName: String?
    /// The phase that failed: dns, connect, tls, request, response, redirect, local.
    public var phase: String

    public init(kind: FailureKind, message: String, curlCode: Int = 0, osErrno: Int? = nil, phase: String) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
        self.osErrno = osErrno
        self.osErrnoName = osErrno.flatMap { OSErrno.name(Int32($0)) }
        self.phase = phase
    }
}
