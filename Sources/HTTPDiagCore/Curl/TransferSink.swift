import CHTTPDiag

/// Collects what libcurl's callbacks deliver during one transfer: response header blocks,
/// the captured start of the body, the request as sent, and the TLS observation. Limits
/// are enforced here: returning a short count from a callback makes libcurl abort.
final class TransferSink {
    struct StatusLine {
        var version: String
        var status: Int
        var reason: String
    }

    let captureLimit: Int
    let maxDownload: Int
    let maxHeaderBytes: Int
    let maxHeaderCount: Int

    private(set) var statusLine: StatusLine?
    /// Interim (1xx) response blocks seen, `100 Continue` included.
    private(set) var interimResponses = 0
    private(set) var headers: [HeaderField] = []
    private(set) var headerBytes = 0
    private(set) var body: [UInt8] = []
    private(set) var bodySize = 0
    private(set) var headersTooLarge = false
    private(set) var bodyTooLarge = false
    /// Bytes that arrived where a status line should have been (HTTP/0.9 or garbage).
    private(set) var nonHTTPBytes: [UInt8]?
    /// Request header block(s) as libcurl sent them.
    private(set) var sentHeaderText = ""
    let tls: UnsafeMutablePointer<hd_tls_observation>
    let socket: UnsafeMutablePointer<hd_socket_observation>
    /// CLOCK_MONOTONIC ns (0 = not seen): the first request header block written, the
    /// first response byte (a header line or non-HTTP bytes).
    private(set) var requestSentNs: Int64 = 0
    private(set) var firstResponseNs: Int64 = 0

    init(captureLimit: Int, maxDownload: Int, maxHeaderBytes: Int = 256 * 1024, maxHeaderCount: Int = 1000) {
        self.captureLimit = captureLimit
        self.maxDownload = maxDownload
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        socket = .allocate(capacity: 1)
        hd_socket_observation_reset(socket)
        tls = .allocate(capacity: 1)
        hd_tls_observation_reset(tls)
        tls.pointee.socket = socket
    }

    deinit {
        tls.deallocate()
        socket.deallocate()
    }

    func header(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if firstResponseNs == 0 { firstResponseNs = hd_monotonic_ns() }
        headerBytes += count
        if headerBytes > maxHeaderBytes || headers.count >= maxHeaderCount {
            headersTooLarge = true
            return 0
        }
        if asciiHeaderLine(UnsafeRawBufferPointer(start: data, count: count)) { return count }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
            .trimmingTrailingNewline()
        if line.hasPrefix("HTTP/") {
            // A new response block (after 1xx or a proxy CONNECT): keep only the last one.
            statusLine = Self.parseStatusLine(line)
            if let status = statusLine?.status, (100..<200).contains(status) { interimResponses += 1 }
            headers.removeAll(keepingCapacity: true)
            return count
        }
        guard !line.isEmpty else { return count }
        if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            headers[headers.count - 1].value += " " + line.trimmedSpaces()  // obs-fold
        } else if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(line[..<colon])
            let value = String(line[line.utf8.index(after: colon)...]).trimmedSpaces()
            headers.append(HeaderField(name: name, value: value))
        } else {
            headers.append(HeaderField(name: line, value: ""))
        }
        return count
    }

    /// The common header line, `Name: value` in ASCII, cut on the bytes: two Strings made,
    /// no line String, no Character walk (five allocations and ~5k instructions a line
    /// before). False for anything else (a status line, an empty or folded line, a line
    /// with a byte >= 0x80), which `header` reads as before; the result is the same.
    private func asciiHeaderLine(_ b: UnsafeRawBufferPointer) -> Bool {
        var end = b.count
        while end > 0, (0x0A...0x0D).contains(b[end - 1]) { end -= 1 }
        guard end > 0, b[0] != 0x20, b[0] != 0x09 else { return false }
        var all: UInt8 = 0
        var colon = -1
        for i in 0..<end {
            all |= b[i]
            if colon < 0 && b[i] == UInt8(ascii: ":") { colon = i }
        }
        guard all < 0x80 else { return false }
        if end >= 5, b[0] == UInt8(ascii: "H"), b[1] == UInt8(ascii: "T"), b[2] == UInt8(ascii: "T"), b[3] == UInt8(ascii: "P"),
            b[4] == UInt8(ascii: "/")
        {
            return false
        }
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        guard colon >= 0 else {
            headers.append(HeaderField(name: text(0, end), value: ""))
            return true
        }
        var lo = colon + 1
        var hi = end
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
        headers.append(HeaderField(name: text(0, colon), value: text(lo, hi)))
        return true
    }

    func bodyData(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if statusLine == nil {
            if firstResponseNs == 0 { firstResponseNs = hd_monotonic_ns() }
            // HTTP/0.9 is allowed only so that these bytes can be seen; stop at once.
            nonHTTPBytes = Array(UnsafeRawBufferPointer(start: data, count: min(count, 64)))
            return 0
        }
        bodySize += count
        if body.count < captureLimit {
            let take = min(count, captureLimit - body.count)
            body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: take))
        }
        if bodySize > maxDownload {
            bodyTooLarge = true
            return 0
        }
        return count
    }

    func debug(_ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>, _ count: Int) {
        guard type == CURLINFO_HEADER_OUT else { return }
        if requestSentNs == 0 { requestSentNs = hd_monotonic_ns() }
        guard sentHeaderText.utf8.count < 64 * 1024 else { return }
        sentHeaderText += String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    }

    static func parseStatusLine(_ line: String) -> StatusLine {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        let version = parts.first.map(String.init) ?? "HTTP/1.1"
        let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let reason = parts.count > 2 ? String(parts[2]) : HTTPStatus.reason(status)
        return StatusLine(version: version, status: status, reason: reason)
    }

    func install(on easy: CurlEasy) throws {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(
            hd_setopt_datacb(easy.handle, CURLOPT_HEADERFUNCTION) { data, size, n, user in
                Unmanaged<TransferSink>.fromOpaque(user!).takeUnretainedValue().header(data!, size * n)
            }
        )
        try check(hd_setopt_ptr(easy.handle, CURLOPT_HEADERDATA, me))
        try check(
            hd_setopt_datacb(easy.handle, CURLOPT_WRITEFUNCTION) { data, size, n, user in
                Unmanaged<TransferSink>.fromOpaque(user!).takeUnretainedValue().bodyData(data!, size * n)
            }
        )
        try check(hd_setopt_ptr(easy.handle, CURLOPT_WRITEDATA, me))
        try check(
            hd_setopt_debugcb(
                easy.handle,
                { _, type, data, size, user in
                    Unmanaged<TransferSink>.fromOpaque(user!).takeUnretainedValue().debug(type, data!, size)
                    return 0
                },
                me
            )
        )
        try check(hd_install_tls_observer(easy.handle, tls))
        try check(hd_install_socket_observer(easy.handle, socket))
    }

    private func check(_ rc: CURLcode) throws {
        if rc != CURLE_OK { throw HTTPDiagCoreError.libcurl("callback", code: Int(rc.rawValue)) }
    }
}
