/// The closed set of ways a probe can fail. Derived from libcurl's error code, the OS
/// errno, the TLS verify result or alert, and the DNS response code: never from message
/// text. Documented in docs/json-output.md; playbooks match on these values.
public enum FailureKind: String, Codable, Sendable, CaseIterable {
    // DNS
    case dnsNXDomain = "dns_nxdomain"
    case dnsServFail = "dns_servfail"
    case dnsRefused = "dns_refused"
    case dnsTimeout = "dns_timeout"
    case dnsNoAddress = "dns_no_address"
    // TCP
    case connectRefused = "connect_refused"
    case connectTimeout = "connect_timeout"
    case networkUnreachable = "network_unreachable"
    case connectionReset = "connection_reset"
    // TLS
    case tlsCertExpired = "tls_cert_expired"
    case tlsCertNotYetValid = "tls_cert_not_yet_valid"
    case tlsHostnameMismatch = "tls_hostname_mismatch"
    case tlsUntrusted = "tls_untrusted"
    case tlsHandshake = "tls_handshake"
    case tlsClientCertRequired = "tls_client_cert_required"
    case tlsPeerNotTLS = "tls_peer_not_tls"
    case httpToTLSPort = "http_to_tls_port"
    // HTTP
    case tooManyRedirects = "too_many_redirects"
    case redirectSchemeRefused = "redirect_scheme_refused"
    case timeout = "timeout"
    case bodyTooLarge = "body_too_large"
    case headersTooLarge = "headers_too_large"
    case emptyReply = "empty_reply"
    case bodyTruncated = "body_truncated"
    case protocolError = "protocol_error"
    case httpStatus = "http_status"
    // Local
    case localError = "local_error"

    /// One line for humans.
    public var summary: String {
        switch self {
        case .dnsNXDomain: "the name does not exist (NXDOMAIN)"
        case .dnsServFail: "the resolver failed (SERVFAIL)"
        case .dnsRefused: "the nameserver refused the query (REFUSED)"
        case .dnsTimeout: "no nameserver answered"
        case .dnsNoAddress: "the name has no A/AAAA record"
        case .connectRefused: "connection refused: nothing listens there"
        case .connectTimeout: "TCP connect timed out: packets dropped on the way"
        case .networkUnreachable: "no route to the address"
        case .connectionReset: "the peer reset the connection"
        case .tlsCertExpired: "the server certificate has expired"
        case .tlsCertNotYetValid: "the server certificate is not valid yet"
        case .tlsHostnameMismatch: "the certificate does not cover this host name"
        case .tlsUntrusted: "the certificate chain is not trusted"
        case .tlsHandshake: "the TLS handshake failed"
        case .tlsClientCertRequired: "the server requires a client certificate"
        case .tlsPeerNotTLS: "the server does not speak TLS on this port"
        case .httpToTLSPort: "plain HTTP was sent to a TLS port"
        case .tooManyRedirects: "too many redirects"
        case .redirectSchemeRefused: "redirect to a scheme other than http/https refused"
        case .timeout: "the transfer timed out"
        case .bodyTooLarge: "the body exceeds the download limit"
        case .headersTooLarge: "the response headers exceed the limit"
        case .emptyReply: "the server closed the connection without a response"
        case .bodyTruncated: "the connection closed before the body was complete"
        case .protocolError: "the response is not valid HTTP"
        case .httpStatus: "the server answered with an error status"
        case .localError: "a local error stopped the probe"
        }
    }
}
