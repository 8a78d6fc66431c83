/// Assembles `TLSEvidence` from the observation of the verified handshake and, when
/// verification failed, a second connect-only handshake that reads the chain.
enum TLSEvidenceBuilder {
    static func build(
        host: String,
        main: HopOutcome,
        unverified: HopOutcome?,
        clientCertSent: Bool,
        now: Date
    ) -> TLSEvidence {
        let source = (main.certificates.isEmpty ? unverified : nil) ?? main
        let chain = source.certificates.map { CertificateParser.parse($0, now: now) }
        let tls = main.tls.handshakeDone ? main.tls : source.tls
        let verificationFailed = main.curlCode == FailureClassifier.peerFailedVerification || main.curlCode == 51
        var evidence = TLSEvidence(
            version: tls.version.isEmpty ? nil : tls.version,
            cipher: tls.cipher.isEmpty ? nil : tls.cipher,
            alpn: tls.alpn.isEmpty ? nil : tls.alpn,
            verified: main.curlCode != FailureClassifier.peerFailedVerification && main.tls.handshakeDone,
            verifyResult: verificationFailed || main.tls.handshakeDone ? main.verifyResult : nil,
            verifyReason: nil,
            hostnameMatches: chain.first.map { CertificateParser.hostMatches(host, sans: $0.sans) },
            clientCertificateRequested: main.tls.sawCertificateRequest,
            clientCertificateSent: clientCertSent && main.tls.sentCertificate,
            alertReceived: main.tls.alertReceived.map { TLSAlert(code: $0) },
            chain: chain,
            earliestExpiryDays: chain.compactMap(\.daysLeft).min(),
            chainFromUnverifiedHandshake: source.curlCode != main.curlCode || (unverified != nil && main.certificates.isEmpty),
            alertSent: main.tls.alertSent.flatMap { $0 == 0 ? nil : TLSAlert(code: $0) }
        )  // not close_notify
        if evidence.alertSent != nil, !main.tls.alertSentReasonText.isEmpty {
            evidence.alertSentReason = main.tls.alertSentReasonText
        }
        if let code = evidence.verifyResult {
            evidence.verifyReason = code == 0 && verificationFailed ? "host name mismatch" : VerifyReason.text(code)
        }
        return evidence
    }
}
