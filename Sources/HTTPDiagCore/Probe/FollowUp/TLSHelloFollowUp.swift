/// http:// got nothing or garbage: a handshake-only TLS connection to the same port.
struct TLSHelloFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.tlsHello
    static let layer = ProbeLayer.tls

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        let address = ask.address
        return LayerOutcome(evidence: await run(address, ask: ask, context: context))
    }

    private func run(_ address: String, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard let budget = ask.budget(FollowUpAsk.requestCapMs), let url = ask.rebuilt(scheme: "https", path: "/") else { return nil }
        var request = ask.hopRequest(url: url, method: "GET", address: address, budgetMs: budget)
        request.connectOnly = true
        request.tls = TLSOptions(insecure: true)  // the question is "TLS or not"; nothing is sent after the handshake
        return await ask.measure(.tlsHello, address) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            let t = o.tls
            let port = ask.primary.port
            if t.handshakeDone {
                return (
                    "tls_handshake_done", nil, "tls_on_plain_port",
                    "a handshake-only connection completed TLS (\(t.version)): port \(port) serves TLS, so the URL should be https://"
                )
            }
            if t.sawServerHello || t.alertReceived != nil || (t.firstRecordByte.map { (20...23).contains($0) } ?? false) {
                let what = t.alertReceived.map { "alert \(TLSAlert(code: $0).text)" } ?? "a ServerHello"
                return (
                    t.alertReceived == nil ? "tls_server_hello" : "tls_alert", nil, "tls_on_plain_port",
                    "a TLS ClientHello got \(what) back: port \(port) speaks TLS, so the URL should be https://"
                )
            }
            let kind = FailureClassifier.classify(o, scheme: "https", hasClientCert: false)?.kind.rawValue ?? "no_answer"
            return (
                kind, nil, "no_tls_either", "a TLS ClientHello got no TLS answer either (\(kind)): port \(port) speaks neither HTTP nor TLS properly"
            )
        }
    }
}
