import CHTTPDiag
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Reading requests from and writing (mis)behaviours to one client socket.
enum LabConnection {
    static let maxRequestBytes = 1 << 20

    static func readRequest(_ fd: Int32, buffer: inout [UInt8]) -> LabRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        if buffer.isEmpty { guard readMore(fd, &buffer) else { return nil } }
        if let first = buffer.first, !(65...90).contains(first) {
            // Not an HTTP request line (a TLS ClientHello, say): answer as nginx does.
            buffer.removeAll()
            return LabRequest(method: "", target: "", headers: [], body: [], malformed: true)
        }
        while true {
            if let end = find(separator, in: buffer) {
                headerEnd = end
                break
            }
            guard buffer.count < maxRequestBytes, readMore(fd, &buffer) else { return nil }
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).drop { $0 == " " }.description)
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = end + 4
        while buffer.count < bodyStart + length {
            guard length < maxRequestBytes * 64, readMore(fd, &buffer) else { return nil }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return LabRequest(
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            headers: headers.map { (name: $0.0, value: $0.1) },
            body: body
        )
    }

    /// Returns false when the connection must close afterwards.
    static func perform(_ behavior: LabBehavior, request: LabRequest, on fd: Int32, stopped: borrowing Atomic<Bool>) -> Bool {
        if request.malformed {
            let body = Array("<html><head><title>400 Bad Request</title></head><body>400 Bad Request</body></html>\r\n".utf8)
            _ = write(
                fd,
                responseHead(
                    400,
                    nil,
                    [
                        ("Server", "httpdiag-lab"), ("Content-Type", "text/html"),
                        ("Content-Length", String(body.count)), ("Connection", "close"),
                    ]
                ) + body
            )
            return false
        }
        let head = request.method == "HEAD"
        switch behavior {
        case .respond(let status, let reason, let headers, let body):
            var h = headers
            if !h.contains(where: { $0.0.lowercased() == "content-length" }) { h.append(("Content-Length", String(body.count))) }
            return write(fd, responseHead(status, reason, h) + (head ? [] : body))
        case .raw(let bytes):
            _ = write(fd, bytes)
            return false
        case .closeMidBody(let declared, let sent):
            _ = write(fd, responseHead(200, nil, [("Content-Length", String(declared))]) + Array(repeating: UInt8(ascii: "x"), count: sent))
            return false
        case .closeAfterHeaders:
            _ = write(fd, responseHead(200, nil, [("Content-Length", "1000")]))
            return false
        case .emptyReply:
            return false
        case .stall:
            while !stopped.load(ordering: .relaxed) {
                var byte: UInt8 = 0
                let n = recv(fd, &byte, 1, 0)
                if n == 0 { return false }
                if n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { return false }
            }
            return false
        case .drip(let bytes, let intervalMs):
            for b in bytes {
                guard write(fd, [b]) else { return false }
                usleep(useconds_t(intervalMs * 1000))
            }
            return false
        case .hugeBody(let size):
            guard write(fd, responseHead(200, nil, [("Content-Type", "application/octet-stream"), ("Content-Length", String(size))])) else {
                return false
            }
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 256 * 1024)
            var left = size
            while left > 0 {
                let n = min(left, chunk.count)
                guard write(fd, Array(chunk[..<n])) else { return false }
                left -= n
            }
            return true
        case .gzipBomb(let inflatedSize):
            let body = gzipZeros(inflatedSize)
            return write(
                fd,
                responseHead(
                    200,
                    nil,
                    [
                        ("Content-Type", "text/plain"), ("Content-Encoding", "gzip"),
                        ("Content-Length", String(body.count)),
                    ]
                ) + body
            )
        case .hugeHeader(let size):
            let value = String(repeating: "h", count: size)
            _ = write(fd, responseHead(200, nil, [("X-Huge", value), ("Content-Length", "0")]))
            return false
        case .manyHeaders(let count):
            var bytes = Array("HTTP/1.1 200 OK\r\n".utf8)
            for i in 0..<count { bytes += Array("X-H\(i): v\r\n".utf8) }
            bytes += Array("Content-Length: 0\r\n\r\n".utf8)
            _ = write(fd, bytes)
            return false
        case .badChunk:
            _ = write(fd, Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZZ\r\nxx\r\n0\r\n\r\n".utf8))
            return false
        case .echo:
            var lines = ["\(request.method) \(request.target)"]
            for h in request.headers { lines.append("\(h.name): \(h.value)") }
            let body = Array((lines.joined(separator: "\n") + "\n\n").utf8) + request.body
            let cookies = request.headers.filter { ["cookie", "authorization", "x-api-key"].contains($0.name.lowercased()) }
                .map { ("Set-Cookie", "echo=\($0.value); Path=/") }
            return write(fd, responseHead(200, nil, cookies + [("Content-Type", "text/plain"), ("Content-Length", String(body.count))]) + body)
        case .sequence(let steps):
            return perform(steps.first ?? .emptyReply, request: request, on: fd, stopped: stopped)
        case .custom(let decide):
            return perform(decide(request), request: request, on: fd, stopped: stopped)
        }
    }

    static func responseHead(_ status: Int, _ reason: String?, _ headers: [(String, String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason ?? defaultReason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    static func defaultReason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Request Entity Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }

    static func gzipZeros(_ size: Int) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var len = 0
        guard hd_gzip_zeros(size, &out, &len) == 0, let out else { return [] }
        defer { free(out) }
        return Array(UnsafeBufferPointer(start: out, count: len))
    }

    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    static func readMore(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer += chunk[..<n]
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
