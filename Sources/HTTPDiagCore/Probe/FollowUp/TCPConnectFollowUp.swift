/// A timeout: a bare TCP connect to the same port, then whether anything comes back.
struct TCPConnectFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.tcpConnect
    static let layer = ProbeLayer.tcp

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        let address = ask.address
        return LayerOutcome(evidence: await run(address, ask: ask, context: context))
    }

    private func run(_ address: String, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard let budget = ask.budget(FollowUpAsk.requestCapMs) else { return nil }
        let connectMs = min(FollowUpAsk.connectCapMs, budget * 6 / 10)
        let readMs = min(FollowUpAsk.connectCapMs, budget - connectMs)
        let scheme = URLParts(ask.finalURL).scheme.lowercased()
        // Over http, a minimal HEAD asks for an answer; over https nothing is sent (a server
        // that speaks first is not an HTTP or TLS server).
        let head =
            scheme == "http"
            ? Array("HEAD / HTTP/1.1\r\nHost: \(ask.hostHeader)\r\nUser-Agent: \(context.options.userAgent)\r\nConnection: close\r\n\r\n".utf8) : []
        let port = ask.primary.port
        return await ask.measure(.tcpConnect, address) {
            // The TCP layer's own prober: a connection of its own, no libcurl.
            let question = TCPQuestion(address: address, port: port, connectTimeoutMs: connectMs, send: head, readTimeoutMs: readMs)
            let tcp = await context.probers.tcp.probe(question, context: context)
            guard let x = tcp.evidence else { return nil }
            let took = Format.ms(x.connectMs)
            guard x.connected else {
                switch tcp.failure?.kind {
                case .connectTimeout:
                    return (
                        "connect_timeout", nil, "tcp_connect_timeout",
                        "a bare TCP connect timed out again after \(took): SYNs get no answer (a firewall or security group drops them, the host is down, or its listen queue is full)"
                    )
                case .connectRefused:
                    return ("connect_refused", nil, "tcp_refused", "a bare TCP connect was refused now (in \(took)): nothing listens any more")
                default:
                    return (
                        "connect_error", nil, "tcp_connect_failed",
                        "a bare TCP connect failed (\(OSErrno.describe(Int32(x.connectErrno)))) after \(took)"
                    )
                }
            }
            let asked = head.isEmpty ? "without sending anything" : "to a bare HEAD /"
            if let firstByte = x.firstByteMs {
                return (
                    "accepted_first_byte", nil, "tcp_accepts_replies",
                    "the connection was accepted in \(took) and bytes came back \(asked) within \(Format.ms(firstByte)) (\(FailureClassifier.printable(x.firstBytes))): the server answers, the original request is what got no answer"
                )
            }
            if x.closed || x.reset {
                return (
                    x.reset ? "accepted_reset" : "accepted_closed", nil, "tcp_accepts_closes",
                    "the connection was accepted in \(took), then \(x.reset ? "reset" : "closed") without a byte \(asked)"
                )
            }
            return (
                "accepted_no_reply", nil, "tcp_accepts",
                "the connection was accepted in \(took), but nothing came back \(asked) within \(Format.ms(Double(readMs))): something accepts connections and does not answer (a hung or overloaded server, or a proxy whose upstream does not answer)"
            )
        }
    }
}
