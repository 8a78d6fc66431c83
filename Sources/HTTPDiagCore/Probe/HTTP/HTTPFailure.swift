#if canImport(Glibc)
import Glibc
#endif

/// The HTTP layer of a libcurl transfer: what came back was not a usable HTTP response
/// (too large, not HTTP, ambiguous framing, cut short, nothing at all, a timeout waiting for
/// it), or the exchange broke off after the connection was made.
enum HTTPFailure {
    /// What httpdiag's own sink saw of the framing: decided before libcurl's code, which
    /// for an abort we caused is only a write error.
    static func framing(_ o: HopOutcome) -> ProbeError? {
        if o.headersTooLarge { return o.failure(.headersTooLarge, "response", "more than the header limit arrived") }
        if o.bodyTooLarge { return o.failure(.bodyTooLarge, "response", "\(o.bodySize) bytes received before stopping") }
        if let bytes = o.nonHTTPBytes {
            if bytes.count >= 2, (20...23).contains(Int(bytes[0])), bytes[1] == 3 {
                return o.failure(.httpToTLSPort, "response", "the server answered with a TLS record (\(FailureClassifier.hex(bytes.prefix(7))))")
            }
            return o.failure(.protocolError, "response", "no HTTP status line; first bytes: \(FailureClassifier.printable(bytes))")
        }
        if let values = conflictingContentLengths(o) {
            // RFC 9110 §8.6, RFC 9112 §6.3: the framing is ambiguous (a request-smuggling
            // vector); libcurl simply takes the last value, so what it reports (a short body,
            // or success) depends on the order.
            return o.failure(
                .protocolError,
                "response",
                "the response has different Content-Length values (\(values.joined(separator: " and "))): its length is ambiguous"
            )
        }
        return nil
    }

    /// libcurl's code, once the layers below had nothing to say: nil for success, and every
    /// code left over is this layer's (an unknown one a protocol error).
    static func of(_ o: HopOutcome) -> ProbeError? {
        switch o.curlCode {
        case 0:
            return nil
        case FailureClassifier.operationTimedOut:
            if let interim = o.statusLine, o.finalStatusLine == nil {
                let line = "\(interim.status) \(interim.reason)".trimmedSpaces()
                return o.failure(
                    .timeout,
                    "response",
                    "no final response within the time limit: the server sent \(o.interimResponses) "
                        + "interim response\(o.interimResponses == 1 ? "" : "s") (\(line)) and never a final status"
                )
            }
            if o.statusLine == nil { return o.failure(.timeout, "response", "no response within the time limit") }
            return o.failure(.timeout, "response", "the body did not finish within the time limit (\(o.bodySize) bytes received)")
        case FailureClassifier.recvError, FailureClassifier.sendError:
            if Int32(o.osErrno) == ECONNRESET || o.finalStatusLine == nil {
                return o.failure(.connectionReset, o.finalStatusLine == nil ? "request" : "response")
            }
            return o.failure(.protocolError, "response", "the transfer failed while reading the body (\(o.curlMessage))")
        case FailureClassifier.gotNothing:
            if o.tls.alpn == "h2" {
                // libcurl 7.88 turns a server's RST_STREAM or GOAWAY into "empty reply" and
                // keeps the HTTP/2 error code to itself (docs/json-output.md, HTTP/2 errors).
                return o.failure(
                    .emptyReply,
                    "response",
                    "no response on the HTTP/2 stream: the server reset it (RST_STREAM) or "
                        + "sent GOAWAY, or closed the connection; libcurl does not report the HTTP/2 error code"
                )
            }
            return o.failure(.emptyReply, "response")
        case FailureClassifier.partialFile: return o.failure(.bodyTruncated, "response", "\(o.bodySize) bytes received")
        case FailureClassifier.filesizeExceeded: return o.failure(.bodyTooLarge, "response", "Content-Length exceeds the download limit")
        case FailureClassifier.outOfMemory: return o.failure(.headersTooLarge, "response", "a header line exceeds libcurl's limit")
        case FailureClassifier.tooManyRedirects: return o.failure(.tooManyRedirects, "redirect")
        case FailureClassifier.http2, FailureClassifier.http2Stream:
            // libcurl 7.88 knows the stream or connection was ended, not with which code.
            return o.failure(
                .protocolError,
                "response",
                "HTTP/2 \(o.curlCode == FailureClassifier.http2Stream ? "stream" : "framing") error (\(o.curlMessage)): "
                    + "the server reset the stream (RST_STREAM), ended the connection (GOAWAY) or broke the framing; "
                    + "libcurl does not report the HTTP/2 error code"
            )
        case FailureClassifier.weirdServerReply, FailureClassifier.unsupportedProtocol, FailureClassifier.badContentEncoding:
            return o.failure(.protocolError, "response")
        case FailureClassifier.writeError:
            return o.failure(.localError, "response")
        default:
            return o.failure(.protocolError, "response")
        }
    }

    /// The distinct values of the final response's Content-Length fields (a field may hold a
    /// list), when there is more than one.
    static func conflictingContentLengths(_ o: HopOutcome) -> [String]? {
        guard o.finalStatusLine != nil else { return nil }
        var values: [String] = []
        for field in o.headers.all("Content-Length") {
            for part in field.split(separator: ",") {
                let v = String(part).trimmedSpaces()
                let normal = UInt64(v).map(String.init) ?? v
                if !values.contains(normal) { values.append(normal) }
            }
        }
        return values.count > 1 ? values : nil
    }
}
