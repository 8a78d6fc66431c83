/// What the lab server does with a request: answer properly, or misbehave in one
/// precise way. Each case is a failure seen in the field.
public enum LabBehavior: Sendable {
    /// A complete response with Content-Length.
    case respond(status: Int, reason: String? = nil, headers: [(String, String)] = [], body: [UInt8] = [])
    /// Raw bytes written as they are, then the connection closes.
    case raw([UInt8])
    /// Headers announce `declared` bytes, `sent` are written, then the connection closes.
    case closeMidBody(declared: Int, sent: Int)
    /// Status line and headers, then close without a body.
    case closeAfterHeaders
    /// Accept and close without writing anything.
    case emptyReply
    /// Read the request and never answer (until the client gives up).
    case stall
    /// Write `bytes` one at a time, `intervalMs` apart.
    case drip(bytes: [UInt8], intervalMs: Int)
    /// 200 with a streamed body of `size` bytes.
    case hugeBody(size: Int)
    /// 200 with Content-Encoding: gzip whose inflated size is `inflatedSize`.
    case gzipBomb(inflatedSize: Int)
    /// A single header line of `size` bytes.
    case hugeHeader(size: Int)
    /// `count` small headers.
    case manyHeaders(count: Int)
    /// Chunked transfer encoding with an invalid chunk size line.
    case badChunk
    /// Echo back the request (headers and body) in the body and set-cookie lines.
    case echo
    /// Pick a behavior per request number on this route (1-based): intermittent failures.
    case sequence([LabBehavior])
    /// Decide from the request (a token's claims, a multipart boundary).
    case custom(@Sendable (LabRequest) -> LabBehavior)
}

extension LabBehavior {
    public static func text(_ status: Int, _ body: String, headers: [(String, String)] = []) -> LabBehavior {
        .respond(status: status, headers: headers, body: Array(body.utf8))
    }

    public static func redirect(_ location: String, status: Int = 302) -> LabBehavior {
        .respond(status: status, headers: [("Location", location)], body: [])
    }
}
