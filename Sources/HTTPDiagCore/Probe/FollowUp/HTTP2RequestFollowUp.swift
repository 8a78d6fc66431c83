/// An HTTP/2 request got no response: one GET of our own over HTTP/2 reads what the
/// server does with the stream, RST_STREAM and GOAWAY with their error codes.
struct HTTP2RequestFollowUp: FollowUpProber {
    static let kind = FollowUp.Kind.http2Request
    static let layer = ProbeLayer.http

    func probe(_ question: FollowUpQuestion, context: ProbeContext) async -> LayerOutcome<FollowUp?> {
        let ask = FollowUpAsk(question: question, context: context)
        let address = ask.address
        return LayerOutcome(evidence: await run(address, ask: ask, context: context))
    }

    private func run(_ address: String, ask: FollowUpAsk, context: ProbeContext) async -> FollowUp? {
        guard let budget = ask.budget(FollowUpAsk.requestCapMs), let target = try? TargetURL(ask.finalURL) else { return nil }
        let sni = IPAddress.isLiteral(target.host) ? nil : target.host
        let path = ask.sanitizedPathAndQuery()
        let agent = context.options.userAgent
        var code: Int?
        var followUp = await ask.measure(.http2Request, address) { () -> (outcome: String, status: Int?, finding: String, summary: String)? in
            let (port, authority) = (ask.primary.port, ask.hostHeader)
            guard
                let x = await BlockingCall.run({
                    HTTP2Probe.run(
                        address: address,
                        port: port,
                        sni: sni,
                        authority: authority,
                        path: path,
                        userAgent: agent,
                        timeoutMs: budget
                    )
                })
            else { return nil }
            let asked = "a GET \(path) of httpdiag's own over HTTP/2 (without credentials)"
            if !x.connected {
                return ("connect_error", nil, "h2_no_answer", "\(asked) could not connect (\(OSErrno.describe(Int32(x.connectErrno))))")
            }
            if !x.tlsDone { return ("tls_failed", nil, "h2_no_answer", "\(asked): the TLS handshake failed") }
            if !x.negotiatedH2 { return ("no_h2", nil, "h2_not_negotiated", "\(asked): the server did not choose h2 by ALPN this time") }
            code = x.resetCode ?? x.goawayCode
            if let code = x.resetCode {
                return (
                    "rst_stream", nil, "h2_rst_stream",
                    "\(asked): the server reset the stream with \(HTTP2Probe.errorName(code)) (0x\(String(code, radix: 16))): it refuses the request, not the connection"
                )
            }
            if let code = x.goawayCode {
                return (
                    "goaway", nil, "h2_goaway",
                    "\(asked): the server sent GOAWAY with \(HTTP2Probe.errorName(code)) (0x\(String(code, radix: 16))), last stream \(x.goawayLastStream): it closes the whole HTTP/2 connection"
                )
            }
            if x.headers {
                let status = x.status.map { " (\($0))" } ?? ""
                return (x.status.map(String.init) ?? "headers", x.status, "h2_answers", "\(asked): the server answered\(status) this time")
            }
            if x.timedOut { return ("timeout", nil, "h2_no_answer", "\(asked): nothing came back within \(Format.ms(Double(budget)))") }
            return ("closed", nil, "h2_closed", "\(asked): the server closed the connection without a frame about the stream")
        }
        // The code itself, for machines: the evidence libcurl keeps to itself.
        followUp?.http2ErrorCode = code
        followUp?.http2Error = code.map(HTTP2Probe.errorName)
        return followUp
    }
}
