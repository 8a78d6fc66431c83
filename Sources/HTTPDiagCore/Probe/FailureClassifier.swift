import CHTTPDiag

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
    static let http2Stream = 92, unsupportedProtocol = 1, interfaceFailed = 45

    /// TLS alerts that mean "your client certificate is missing or not accepted".
    static let clientCertAlerts: Set<Int> = [40, 42, 43, 44, 45, 46, 48, 49, 116]

    static func classify(_ o: HopOutcome, scheme: String, hasClientCert: Bool) -> ProbeError? {
        func error(_ kind: FailureKind, _ phase: String, _ detail: String? = nil) -> ProbeError {
            ProbeError(
                kind: kind,
                message: detail.map { "\(kind.summary): \($0)" } ?? "\(kind.summary) (\(o.curlMessage))",
                curlCode: o.curlCode,
                osErrno: o.osErrno == 0 ? nil : o.osErrno,
                phase: phase
            )
        }
        if o.headersTooLarge { return error(.headersTooLarge, "response", "more than the header limit arrived") }
        if o.bodyTooLarge { return error(.bodyTooLarge, "response", "\(o.bodySize) bytes received before stopping") }
        if let bytes = o.nonHTTPBytes {
            if bytes.count >= 2, (20...23).contains(Int(bytes[0])), bytes[1] == 3 {
                return error(.httpToTLSPort, "response", "the server answered with a TLS record (\(hex(bytes.prefix(7))))")
            }
            return error(.protocolError, "response", "no HTTP status line; first bytes: \(printable(bytes))")
        }
        if let values = conflictingContentLengths(o) {
            // RFC 9110 §8.6, RFC 9112 §6.3: the framing is ambiguous (a request-smuggling
            // vector); libcurl simply takes the last value, so what it reports (a short body,
            // or success) depends on the order.
            return error(
                .protocolError,
                "response",
                "the response has different Content-Length values (\(values.joined(separator: " and "))): its length is ambiguous"
            )
        }
        let tls = o.tls
        switch o.curlCode {
        case 0:
            return nil
        case couldntResolveHost, couldntResolveProxy:
            return error(.dnsNXDomain, "dns")
        case couldntConnect:
            let err = Int32(o.osErrno)
            switch err {
            case ECONNREFUSED: return error(.connectRefused, "connect")
            case ETIMEDOUT: return error(.connectTimeout, "connect")
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN:
                return error(.networkUnreachable, "connect", OSErrno.describe(err))
            case 0:
                return error(.localError, "connect", "libcurl could not connect and reported no errno (\(o.curlMessage))")
            default:
                // Failed on this machine, before any SYN went out: nothing was refused.
                return error(
                    .localError,
                    "connect",
                    "connect() failed on this machine, no SYN was sent: \(OSErrno.describe(err))\(localConnectHint(err))"
                )
            }
        case interfaceFailed:
            let err = Int32(o.osErrno)
            return error(
                .localError,
                "connect",
                "the local address or interface to connect from could not be used"
                    + (err == 0 ? "" : ": \(OSErrno.describe(err))")
            )
        case operationTimedOut:
            if !o.connected { return error(.connectTimeout, "connect") }
            if scheme == "https" && !tls.handshakeDone { return error(.timeout, "tls", "the TLS handshake did not finish") }
            if let interim = o.statusLine, o.finalStatusLine == nil {
                let line = "\(interim.status) \(interim.reason)".trimmedSpaces()
                return error(
                    .timeout,
                    "response",
                    "no final response within the time limit: the server sent \(o.interimResponses) "
                        + "interim response\(o.interimResponses == 1 ? "" : "s") (\(line)) and never a final status"
                )
            }
            if o.statusLine == nil { return error(.timeout, "response", "no response within the time limit") }
            return error(.timeout, "response", "the body did not finish within the time limit (\(o.bodySize) bytes received)")
        case sslConnectError, sslCipher, recvError, sendError:
            if let alert = tls.alertReceived {
                if alert == 116 || (tls.sawCertificateRequest && clientCertAlerts.contains(alert)) {
                    return error(
                        .tlsClientCertRequired,
                        "tls",
                        "server sent alert \(alert) (\(alertName(alert)))"
                            + (hasClientCert ? " after our certificate" : "; no client certificate was configured")
                    )
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
                    if tls.alertSentReason == Int(hd_ssl_reason_excessive_message_size()) {
                        // Not the server's choice of cipher or name: our client's own limit.
                        let limit = tls.maxCertList > 0 ? "\(tls.maxCertList) bytes" : "its limit"
                        return error(
                            .tlsHandshake,
                            "tls",
                            "the server's certificate chain (a handshake message) is larger than "
                                + "httpdiag's TLS client accepts: OpenSSL's limit for the certificate list is \(limit) "
                                + "(max_cert_list); it sent alert \(sent) (\(alertName(sent))) and gave up"
                        )
                    }
                    // Our side gave up (no shared version or cipher, a bad ServerHello): say with what.
                    let why = tls.alertSentReasonText.isEmpty ? "" : " (OpenSSL: \(tls.alertSentReasonText))"
                    return error(.tlsHandshake, "tls", "httpdiag's TLS library sent alert \(sent) (\(alertName(sent))) to the server\(why)")
                }
                return error(.tlsHandshake, "tls")
            }
            if Int32(o.osErrno) == ECONNRESET || o.finalStatusLine == nil {
                return error(.connectionReset, o.finalStatusLine == nil ? "request" : "response")
            }
            return error(.protocolError, "response", "the transfer failed while reading the body (\(o.curlMessage))")
        case peerFailedVerification, 51:
            return verifyFailure(o.verifyResult, error)
        case sslCertProblem, sslCACertBadFile, sslEngine:
            return error(.localError, "tls", "a local certificate or key file could not be used")
        case gotNothing:
            if tls.alpn == "h2" {
                // libcurl 7.88 turns a server's RST_STREAM or GOAWAY into "empty reply" and
                // keeps the HTTP/2 error code to itself (docs/json-output.md, HTTP/2 errors).
                return error(
                    .emptyReply,
                    "response",
                    "no response on the HTTP/2 stream: the server reset it (RST_STREAM) or "
                        + "sent GOAWAY, or closed the connection; libcurl does not report the HTTP/2 error code"
                )
            }
            return error(.emptyReply, "response")
        case partialFile: return error(.bodyTruncated, "response", "\(o.bodySize) bytes received")
        case filesizeExceeded: return error(.bodyTooLarge, "response", "Content-Length exceeds the download limit")
        case outOfMemory: return error(.headersTooLarge, "response", "a header line exceeds libcurl's limit")
        case tooManyRedirects: return error(.tooManyRedirects, "redirect")
        case http2, http2Stream:
            // libcurl 7.88 knows the stream or connection was ended, not with which code.
            return error(
                .protocolError,
                "response",
                "HTTP/2 \(o.curlCode == http2Stream ? "stream" : "framing") error (\(o.curlMessage)): "
                    + "the server reset the stream (RST_STREAM), ended the connection (GOAWAY) or broke the framing; "
                    + "libcurl does not report the HTTP/2 error code"
            )
        case weirdServerReply, unsupportedProtocol, badContentEncoding:
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
            [0, 1, 62].contains(tls.verifyResult ?? 0)
        else { return error }
        e.kind = .tlsHostnameMismatch
        e.message = "\(FailureKind.tlsHostnameMismatch.summary): no subject alternative name matches the host"
        return e
    }

    static func alertName(_ code: Int) -> String { TLSAlert.name(code) }

    /// What a local connect errno usually means, for the message.
    static func localConnectHint(_ err: Int32) -> String {
        switch err {
        case EACCES, EPERM: return "; a routing rule (prohibit), a local firewall or a security policy forbids this connection"
        case EADDRNOTAVAIL: return "; no local address can reach it (its address family is off here, or no local port is free)"
        case EAFNOSUPPORT: return "; this machine does not support the address family (IPv6 turned off?)"
        case EINVAL: return "; the address cannot be used from here (a link-local address without a scope, a blackhole route)"
        case EMFILE, ENFILE: return "; out of file descriptors (ulimit -n)"
        case ENOBUFS, ENOMEM: return "; the kernel is out of buffers or memory"
        default: return ""
        }
    }

    /// The distinct values of the final response's Content-Length fields (a field may hold a
    /// list), when there is more than one.
    static func conflictingContentLengths(_ o: HopOutcome) -> [String]? {
        guard o.finalStatusLine != nil else { return nil }
        var values: [String] = []
        for field in o.headers.all("Content-Length") {
            for part in field.split(separator: ",") {
                let v = String(part).trimmedSpaces()
                let normal = UInt64(v).map(String.init) ?? v
                if !values.contains(normal) { values.append(normal) }
            }
        }
        return values.count > 1 ? values : nil
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined(separator: " ")
    }

    /// First bytes as safe text: printable ASCII kept, the rest as \xNN.
    static func printable(_ bytes: [UInt8]) -> String {
        "\""
            + bytes.prefix(32).map { b in
                (32..<127).contains(b) && b != UInt8(ascii: "\"") ? String(UnicodeScalar(b)) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
            }.joined() + "\""
    }
}
