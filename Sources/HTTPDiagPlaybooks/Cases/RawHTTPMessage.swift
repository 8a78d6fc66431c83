import HTTPDiagCore

/// A raw HTTP/1.1 response as recorded in shared/corpus (comment header, CRLF head,
/// body verbatim, chunked bodies keep their framing), turned into evidence.
struct RawHTTPMessage {
    var comments: [String: [String]] = [:]
    var response: ResponseEvidence

    init(text: String, file: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.hasPrefix("#") {
            let line = String(first.dropFirst()).trimmedSpaces()
            if let colon = line.firstIndex(of: ":") {
                comments[String(line[..<colon]).trimmedSpaces(), default: []].append(String(line[line.index(after: colon)...]).trimmedSpaces())
            }
            lines.removeFirst()
        }
        let message = lines.joined(separator: "\n")
        guard let split = message.firstRange(of: "\r\n\r\n") ?? message.firstRange(of: "\n\n") else {
            throw PlaybookError(file: file, line: nil, message: "no blank line between the response head and body")
        }
        let head = message[..<split.lowerBound].split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingTrailingNewline() }
        var body = String(message[split.upperBound...])
        guard let statusLine = head.first, statusLine.hasPrefix("HTTP/") else {
            throw PlaybookError(file: file, line: nil, message: "the message does not start with an HTTP status line")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw PlaybookError(file: file, line: nil, message: "bad status line '\(statusLine)'")
        }
        let headers = head.dropFirst().compactMap { line -> HeaderField? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HeaderField(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmedSpaces())
        }
        if headers.first("Transfer-Encoding")?.lowercased() == "chunked" { body = Self.dechunk(body) }
        response = ResponseEvidence(
            httpVersion: String(parts[0]),
            status: status,
            reason: parts.count > 2 ? String(parts[2]) : HTTPStatus.reason(status),
            headers: headers,
            contentType: headers.first("Content-Type"),
            contentEncoding: headers.first("Content-Encoding"),
            bodySize: body.utf8.count,
            body: body
        )
    }

    static func dechunk(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let lineEnd = rest.firstRange(of: "\r\n") ?? rest.firstRange(of: "\n") {
            let sizeText = rest[..<lineEnd.lowerBound].split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmedSpaces(), radix: 16) else { break }
            rest = rest[lineEnd.upperBound...]
            if size == 0 { break }
            let bytes = Array(rest.utf8)
            let chunk = String(decoding: bytes.prefix(size), as: UTF8.self)
            out += chunk
            rest = Substring(String(decoding: bytes.dropFirst(size), as: UTF8.self))
            if rest.hasPrefix("\r\n") { rest = rest.dropFirst(2) } else if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        }
        return out
    }
}
