import CHTTPDiag

/// A small POST for notifications (webhooks): JSON body, bounded time, no redirects.
public enum HTTPPoster {
    /// The status (0 when no response) and the failure kind, if any.
    static func postJSON(url: String, body: [UInt8], timeoutMs: Int) -> (status: Int, error: FailureKind?) {
        var request = HopRequest(url: url, userAgent: "httpdiag/\(HTTPDiagVersion.current)", timeoutMs: timeoutMs)
        request.method = "POST"
        request.headers = ["Content-Type: application/json"]
        request.body = body
        guard let outcome = try? HopTransfer.performBlocking(request) else { return (0, .localError) }
        let error = FailureClassifier.classify(outcome, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)
        return (outcome.statusLine?.status ?? 0, error?.kind)
    }
}
