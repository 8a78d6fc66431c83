import CHTTPDiag

/// A small POST for notifications (webhooks): JSON body, bounded time, no redirects.
public enum HTTPPoster {
    /// The status (0 when no response) and the failure kind, if any.
    public static func postJSON(url: String, body: [UInt8], timeoutMs: Int) -> (status: Int, error: FailureKind?) {
        let request = HopRequest(
            url: url, method: "POST", nobody: false, headers: ["Content-Type: application/json"], body: body, multipart: [],
            userpwd: nil, resolve: [], connectTo: [], httpVersion: .automatic, tls: TLSOptions(),
            connectTimeoutMs: timeoutMs, totalTimeoutMs: timeoutMs, captureLimit: 4096, maxDownload: 1 << 20,
            compressed: false, userAgent: "httpdiag/\(HTTPDiagVersion.current)")
        guard let outcome = try? HopTransfer.perform(request) else { return (0, .localError) }
        let error = FailureClassifier.classify(outcome, scheme: URLParts(url).scheme.lowercased(), hasClientCert: false)
        return (outcome.statusLine?.status ?? 0, error?.kind)
    }
}
