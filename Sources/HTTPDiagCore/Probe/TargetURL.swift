import CHTTPDiag

/// A validated http(s) URL, parsed by libcurl's own URL parser.
public struct TargetURL: Sendable, Equatable {
    public var text: String
    public var scheme: String
    /// Host without IPv6 brackets.
    public var host: String
    public var port: Int

    public init(_ text: String) throws {
        let trimmed = text.trimmedSpaces()
        guard !trimmed.isEmpty else { throw InputError("URL is empty") }
        // On the bytes when the URL is ASCII (the usual case), in one pass; by Character otherwise.
        var bytes = trimmed
        let (ascii, asciiSpace) = bytes.withUTF8 { b -> (Bool, Bool) in
            var all: UInt8 = 0
            var space = false
            for c in b {
                all |= c
                if c == 0x20 || c == 0x09 || (0x0A...0x0D).contains(c) { space = true }
            }
            return (all < 0x80, space)
        }
        let whitespace = ascii ? asciiSpace : trimmed.contains(where: { $0.isNewline || $0 == " " || $0 == "\t" })
        if whitespace {
            throw InputError("URL '\(Redactor().url(trimmed))' contains whitespace")
        }
        guard let schemeEnd = URLParts.schemeSeparator(Substring(trimmed)) else {
            let shown = Redactor().url("http://" + trimmed).dropFirst(7)
            throw InputError("URL '\(shown)' has no scheme: write http://\(shown) or https://\(shown)")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw InputError("URL '\(Redactor().url(trimmed))': unsupported scheme '\(scheme)' (only http and https)")
        }
        var parts = hd_url_parts()
        var message: UnsafePointer<CChar>?
        let rc = hd_parse_url(trimmed, &parts, &message)
        guard rc == 0 else {
            let why = message.map { String(cString: $0) } ?? "code \(rc)"
            throw InputError("URL '\(Redactor().url(trimmed))' is malformed: \(why)")
        }
        var host = withUnsafeBytes(of: &parts.host) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let zone = host.utf8.firstIndex(of: UInt8(ascii: "%")) { host = String(host[..<zone]) }
        guard !host.isEmpty else { throw InputError("URL '\(Redactor().url(trimmed))' has no host") }
        guard (1...65535).contains(parts.port) else {
            throw InputError("URL '\(Redactor().url(trimmed))': port \(parts.port) is out of range")
        }
        self.text = trimmed
        self.scheme = scheme
        self.host = host
        self.port = parts.port
    }
}
