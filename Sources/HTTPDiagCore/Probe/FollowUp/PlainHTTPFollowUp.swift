/// TLS got a non-TLS answer: a plain HTTP request to the same port.
struct PlainHTTPFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.plainHTTP
    static let layer = ProbeLayer.http

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        let address = ask.address
        return LayerOutcome(evidence: await run(address, ask: ask, context: context))
    }

    private func run(_ address: String, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard let budget = ask.budget(FollowUpAsk.requestCapMs), let url = ask.rebuilt(scheme: "http", path: nil) else { return nil }
        let request = ask.hopRequest(url: url, method: ask.safeMethod, address: address, budgetMs: budget)
        return await ask.measure(.plainHTTP, address) {
            guard let o = try? await HopTransfer.perform(request), !o.cancelled else { return nil }
            if let line = o.statusLine {
                return (
                    "\(line.status)", line.status, "plain_http_on_tls_port",
                    "plain HTTP to port \(ask.primary.port) got \(ask.statusText(line)): the port serves plain HTTP, not TLS (use http://, or the TLS port)"
                )
            }
            let kind = FailureClassifier.classify(o, scheme: "http", hasClientCert: false)?.kind.rawValue ?? "no_answer"
            return (kind, nil, "no_http_either", "plain HTTP to port \(ask.primary.port) failed too (\(kind))")
        }
    }
}
