/// Which layer of one hop's transfer failed, and how: an exhaustive look at libcurl's code,
/// errno, the TLS observation and the verify result, never at message text. Each layer
/// reads its own part (DNSFailure, TCPFailure, TLSFailure, HTTPFailure); this is the one
/// place that decides their order.
enum FailureClassifier {
    // libcurl codes (CURLcode values are stable ABI).
    static let couldntResolveProxy = 5, couldntResolveHost = 6, couldntConnect = 7
    static let weirdServerReply = 8, http2 = 16, partialFile = 18, writeError = 23
    static let outOfMemory = 27, operationTimedOut = 28, sslConnectError = 35
    static let tooManyRedirects = 47, gotNothing = 52, sslEngine = 53, sendError = 55
    static let recvError = 56, sslCertProblem = 58, sslCipher = 59, peerFailedVerification = 60
    static let badContentEncoding = 61, filesizeExceeded = 63, sslCACertBadFile = 77
    static let http2Stream = 92, unsupportedProtocol = 1, interfaceFailed = 45

    /// The framing httpdiag's own sink saw first, whatever libcurl's code says (an abort
    /// it caused ends as a write error); then the layers bottom up, the first that failed.
    static func classify(_ o: HopOutcome, scheme: String, hasClientCert: Bool) -> ProbeError? {
        if let framing = HTTPFailure.framing(o) { return framing }
        return DNSFailure.of(o) ?? TCPFailure.of(o) ?? TLSFailure.of(o, scheme: scheme, hasClientCert: hasClientCert)
            ?? HTTPFailure.of(o)
    }

    static func alertName(_ code: Int) -> String { TLSAlert.name(code) }

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

extension HopOutcome {
    /// A failure of this transfer: the kind's summary and `detail`, or libcurl's message.
    func failure(_ kind: FailureKind, _ phase: String, _ detail: String? = nil) -> ProbeError {
        ProbeError(
            kind: kind,
            message: detail.map { "\(kind.summary): \($0)" } ?? "\(kind.summary) (\(curlMessage))",
            curlCode: curlCode,
            osErrno: osErrno == 0 ? nil : osErrno,
            phase: phase
        )
    }
}
