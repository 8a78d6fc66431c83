#if canImport(Glibc)
import Glibc
#endif

/// Maps one hop's raw outcome to a failure kind: an exhaustive look at libcurl's code,
/// errno, the TLS observation and the verify result. Never at message text.
enum FailureClassifier {
    // libcurl codes (CURLcode values are stable ABI).
    static let couldntResolveProxy = 5, couldntResolveHost = 6, couldntConnect = 7
    static let weirdServerReply = 8, http2 = 16, partialFile = 18, writeError = 23
    static let outOfMemory = 27, operationTimedOut = 28, sslConnectError = 35
    static let tooManyRedirects = 47, gotNothing = 52, sslEngine = 53, sendError = 55
    static let recvError = 56, sslCertProblem = 58, sslCipher = 59, peerFailedVerification = 60
    static let badContentEncoding = 61, filesizeExceeded = 63, sslCACertBadFile = 77
    static let http2Stream = 92, unsupportedProtocol = 1

    /// TLS alerts that mean "your client certificate is missing or not accepted".
    static let clientCertAlerts: Set<Int> = [40, 42, 43, 44, 45, 46, 48, 49, 116]

    static func classify(_ o: HopOutcome, scheme: String, hasClientCert: Bool) -> ProbeError? {
        func error(_ kind: FailureKind, _ phase: String, _ detail: String? = nil) -> ProbeError {
            ProbeError(kind: kind, message: detail.map { "\(kind.summary): \($0)" } ?? "\(kind.summary) (\(o.curlMessage))",
                       curlCode: o.curlCode, osErrno: o.osErrno == 0 ? nil : o.osErrno, phase: phase)
        }
        if o.headersTooLarge { return error(.headersTooLarge, "response", "more than the header limit arrived") }
        if o.bodyTooLarge { return error(.bodyTooLarge, "response", "\(o.bodySize) bytes received before stopping") }
        if let bytes = o.nonHTTPBytes {
            if bytes.count >= 2, (20...23).contains(Int(bytes[0])), bytes[1] == 3 {
                return error(.httpToTLSPort, "response", "the server answered with a TLS record (\(hex(bytes.prefix(7))))")
            }
            return error(.protocolError, "response", "no HTTP status line; first bytes: \(printable(bytes))")
        }
        let tls = o.tls
        switch o.curlCode {
        case 0:
            return nil
        case couldntResolveHost, couldntResolveProxy:
            return error(.dnsNXDomain, "dns")
        case couldntConnect:
            switch Int32(o.osErrno) {
            case ECONNREFUSED: return error(.connectRefused, "connect")
            case ETIMEDOUT: return error(.connectTimeout, "connect")
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EADDRNOTAVAIL, EAFNOSUPPORT:
                return error(.networkUnreachable, "connect", "errno \(o.osErrno)")
            default: return error(.connectRefused, "connect", "errno \(o.osErrno)")
            }
        case operationTimedOut:
            if !o.connected { return error(.connectTimeout, "connect") }
            if scheme == "https" && !tls.handshakeDone { return error(.timeout, "tls", "the TLS handshake did not finish") }
            if o.statusLine == nil { return error(.timeout, "response", "no response within the time limit") }
            return error(.timeout, "response", "the body did not finish within the time limit (\(o.bodySize) bytes received)")
        case sslConnectError, sslCipher, recvError, sendError:
            if let alert = tls.alertReceived {
                if alert == 116 || (tls.sawCertificateRequest && clientCertAlerts.contains(alert)) {
                    return error(.tlsClientCertRequired, "tls", "server sent alert \(alert) (\(alertName(alert)))"
                                 + (hasClientCert ? " after our certificate" : "; no client certificate was configured"))
                }
                if !tls.handshakeDone { return error(.tlsHandshake, "tls", "server sent alert \(alert) (\(alertName(alert)))") }
            }
            if o.curlCode == sslConnectError || o.curlCode == sslCipher {
                if let first = tls.firstRecordByte, !(20...24).contains(first) {
                    return error(.tlsPeerNotTLS, "tls", "first byte from the server was 0x\(String(first, radix: 16))")
                }
                if tls.firstRecordByte == nil && !tls.sawServerHello {
                    return error(.tlsHandshake, "tls", "the server closed the connection during the handshake")
                }
                if let sent = tls.alertSent, sent != 0 {
                    // Our side gave up (no shared version or cipher, a bad ServerHello): say with what.
                    return error(.tlsHandshake, "tls", "httpdiag's TLS library sent alert \(sent) (\(alertName(sent))) to the server")
                }
                return error(.tlsHandshake, "tls")
            }
            if Int32(o.osErrno) == ECONNRESET || o.statusLine == nil {
                return error(.connectionReset, o.statusLine == nil ? "request" : "response")
            }
            return error(.protocolError, "response", "the transfer failed while reading the body (\(o.curlMessage))")
        case peerFailedVerification, 51:
            return verifyFailure(o.verifyResult, error)
        case sslCertProblem, sslCACertBadFile, sslEngine:
            return error(.localError, "tls", "a local certificate or key file could not be used")
        case gotNothing: return error(.emptyReply, "response")
        case partialFile: return error(.bodyTruncated, "response", "\(o.bodySize) bytes received")
        case filesizeExceeded: return error(.bodyTooLarge, "response", "Content-Length exceeds the download limit")
        case outOfMemory: return error(.headersTooLarge, "response", "a header line exceeds libcurl's limit")
        case tooManyRedirects: return error(.tooManyRedirects, "redirect")
        case weirdServerReply, unsupportedProtocol, http2, http2Stream, badContentEncoding:
            return error(.protocolError, "response")
        case writeError:
            return error(.localError, "response")
        default:
            return error(.protocolError, "response")
        }
    }

    private static func verifyFailure(_ result: Int, _ error: (FailureKind, String, String?) -> ProbeError) -> ProbeError {
        let reason = VerifyReason.text(result)
        switch result {
        case 10: return error(.tlsCertExpired, "tls", reason)
        case 9: return error(.tlsCertNotYetValid, "tls", reason)
        case 62: return error(.tlsHostnameMismatch, "tls", "no subject alternative name matches the host")
        default: return error(.tlsUntrusted, "tls", "\(reason) (X509 verify code \(result))")
        }
    }

    /// Sharpens a classification with the TLS evidence: OpenSSL 3 reports a host name
    /// mismatch as verify result 1 (unspecified), so the chain's SANs decide.
    static func refine(_ error: ProbeError?, tls: TLSEvidence?) -> ProbeError? {
        guard var e = error, e.kind == .tlsUntrusted, let tls, tls.hostnameMatches == false,
              [0, 1, 62].contains(tls.verifyResult ?? 0) else { return error }
        e.kind = .tlsHostnameMismatch
        e.message = "\(FailureKind.tlsHostnameMismatch.summary): no subject alternative name matches the host"
        return e
    }

    static func alertName(_ code: Int) -> String { TLSAlert.name(code) }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined(separator: " ")
    }

    /// First bytes as safe text: printable ASCII kept, the rest as \xNN.
    static func printable(_ bytes: [UInt8]) -> String {
        "\"" + bytes.prefix(32).map { b in
            (32..<127).contains(b) && b != UInt8(ascii: "\"") ? String(UnicodeScalar(b)) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        }.joined() + "\""
    }
}
