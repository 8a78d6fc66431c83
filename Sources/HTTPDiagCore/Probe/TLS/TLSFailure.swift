import CHTTPDiag

/// The TLS layer of a libcurl transfer: the handshake did not finish (an alert, a peer that
/// does not speak TLS, our own client giving up), the chain failed verification, or a local
/// certificate or key could not be used.
enum TLSFailure {
    /// TLS alerts that mean "your client certificate is missing or not accepted".
    static let clientCertAlerts: Set<Int> = [40, 42, 43, 44, 45, 46, 48, 49, 116]

    static func of(_ o: HopOutcome, scheme: String, hasClientCert: Bool) -> ProbeError? {
        let tls = o.tls
        switch o.curlCode {
        case FailureClassifier.operationTimedOut where scheme == "https" && !tls.handshakeDone:
            return o.failure(.timeout, "tls", "the TLS handshake did not finish")
        case FailureClassifier.sslConnectError, FailureClassifier.sslCipher, FailureClassifier.recvError, FailureClassifier.sendError:
            if let alert = tls.alertReceived {
                if alert == 116 || (tls.sawCertificateRequest && clientCertAlerts.contains(alert)) {
                    return o.failure(
                        .tlsClientCertRequired,
                        "tls",
                        "server sent alert \(alert) (\(FailureClassifier.alertName(alert)))"
                            + (hasClientCert ? " after our certificate" : "; no client certificate was configured")
                    )
                }
                if !tls.handshakeDone {
                    return o.failure(.tlsHandshake, "tls", "server sent alert \(alert) (\(FailureClassifier.alertName(alert)))")
                }
            }
            guard o.curlCode == FailureClassifier.sslConnectError || o.curlCode == FailureClassifier.sslCipher else {
                // A send or receive error after the handshake: the exchange broke off (HTTPFailure).
                return nil
            }
            return handshakeFailure(o)
        case FailureClassifier.peerFailedVerification, 51:
            return verifyFailure(o)
        case FailureClassifier.sslCertProblem, FailureClassifier.sslCACertBadFile, FailureClassifier.sslEngine:
            return o.failure(.localError, "tls", "a local certificate or key file could not be used")
        default:
            return nil
        }
    }

    private static func handshakeFailure(_ o: HopOutcome) -> ProbeError {
        let tls = o.tls
        if let first = tls.firstRecordByte, !(20...24).contains(first) {
            return o.failure(.tlsPeerNotTLS, "tls", "first byte from the server was 0x\(String(first, radix: 16))")
        }
        if tls.firstRecordByte == nil && !tls.sawServerHello {
            return o.failure(.tlsHandshake, "tls", "the server closed the connection during the handshake")
        }
        if let sent = tls.alertSent, sent != 0 {
            if tls.alertSentReason == Int(hd_ssl_reason_excessive_message_size()) {
                // Not the server's choice of cipher or name: our client's own limit.
                let limit = tls.maxCertList > 0 ? "\(tls.maxCertList) bytes" : "its limit"
                return o.failure(
                    .tlsHandshake,
                    "tls",
                    "the server's certificate chain (a handshake message) is larger than "
                        + "httpdiag's TLS client accepts: OpenSSL's limit for the certificate list is \(limit) "
                        + "(max_cert_list); it sent alert \(sent) (\(FailureClassifier.alertName(sent))) and gave up"
                )
            }
            // Our side gave up (no shared version or cipher, a bad ServerHello): say with what.
            let why = tls.alertSentReasonText.isEmpty ? "" : " (OpenSSL: \(tls.alertSentReasonText))"
            return o.failure(
                .tlsHandshake,
                "tls",
                "httpdiag's TLS library sent alert \(sent) (\(FailureClassifier.alertName(sent))) to the server\(why)"
            )
        }
        return o.failure(.tlsHandshake, "tls")
    }

    private static func verifyFailure(_ o: HopOutcome) -> ProbeError {
        let result = o.verifyResult
        let reason = VerifyReason.text(result)
        switch result {
        case 10: return o.failure(.tlsCertExpired, "tls", reason)
        case 9: return o.failure(.tlsCertNotYetValid, "tls", reason)
        case 62: return o.failure(.tlsHostnameMismatch, "tls", "no subject alternative name matches the host")
        default: return o.failure(.tlsUntrusted, "tls", "\(reason) (X509 verify code \(result))")
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
}
