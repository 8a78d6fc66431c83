/// One hop's exchange: the request libcurl made and what came of it.
struct HopExchange: Sendable {
    var request: HopRequest
    var outcome: HopOutcome
}

/// The TLS layer of an https exchange: version, cipher, ALPN, the chain and whether it
/// verified, what the server asked for and what alerts went either way (TLSEvidenceBuilder,
/// CertificateParser). When verification failed libcurl kept no chain: a handshake of our
/// own, verification off and nothing sent after it, reads it. The failure is the TLS
/// layer's reading of the exchange (TLSFailure), sharpened by the chain it holds.
struct TLSProber: LayerProber {
    static let layer = ProbeLayer.tls

    func probe(_ hop: HopExchange, context: ProbeContext) async -> LayerOutcome<TLSEvidence> {
        let options = context.options
        var unverified: HopOutcome?
        if hop.outcome.curlCode == FailureClassifier.peerFailedVerification {
            unverified = await readChainWithoutVerification(hop.request, options: options)
        }
        var tls = TLSEvidenceBuilder.build(
            host: URLParts(hop.request.url).hostPort.hostOnly,
            main: hop.outcome,
            unverified: unverified,
            clientCertSent: options.tls.clientCert != nil,
            now: context.now()
        )
        if options.tls.insecure { tls.verified = false }
        let failure = TLSFailure.of(hop.outcome, scheme: "https", hasClientCert: options.tls.clientCert != nil)
        return LayerOutcome(evidence: tls, failure: TLSFailure.refine(failure, tls: tls))
    }

    /// A handshake only (no request is sent), verification off, to the same place as the
    /// hop, to read the chain that failed verification. Credentials never go to an
    /// unverified peer.
    func readChainWithoutVerification(_ hop: HopRequest, options: ProbeOptions) async -> HopOutcome? {
        var request = hop
        request.method = "GET"
        request.nobody = options.head
        request.headers = []
        request.body = nil
        request.multipart = []
        request.userpwd = nil
        let budgetMs = min(options.maxTimeMs, 5_000)
        request.connectTimeoutMs = min(options.connectTimeoutMs ?? options.maxTimeMs, budgetMs)
        request.totalTimeoutMs = budgetMs
        request.tls.insecure = true
        request.connectOnly = true
        return try? await HopTransfer.perform(request)
    }
}
