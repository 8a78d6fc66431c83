/// Everything `httpdiag check` can be told; the CLI fills it, the fleet runner will too.
public struct ProbeOptions: Sendable {
    public var url: String
    /// Explicit method (-X); nil means GET, HEAD with `head`, POST with a body.
    public var method: String?
    /// -I: a real HEAD request, no body awaited.
    public var head = false
    /// `Name: value` lines (-H), in order.
    public var headers: [String] = []
    /// -d / --data-binary.
    public var body: [UInt8]?
    /// -F fields.
    public var multipart: [MultipartField] = []
    /// -u user:password.
    public var userpwd: String?
    /// --resolve host:port:addr[,addr]
    public var resolve: [String] = []
    /// --connect-to host:port:host:port
    public var connectTo: [String] = []
    public var followRedirects = true
    public var maxRedirects = 10
    public var httpVersion: HTTPVersionPreference = .automatic
    public var tls = TLSOptions()
    public var connectTimeoutMs: Int?
    public var maxTimeMs = 10_000
    public var dnsServer: DNSServer?
    public var dnsTimeoutMs = 1_000
    public var fanout = true
    public var samples = 1
    public var burst = false
    /// Bytes of the response body kept as evidence.
    public var captureBytes = 64 * 1024
    /// A larger body is aborted and classified `body_too_large`.
    public var maxDownloadBytes = 64 * 1024 * 1024
    /// --compressed: ask for and decode gzip/br/zstd (decoded bytes count against the limit).
    public var compressed = false
    public var certWarnDays = 14
    /// After a failure, a few read-only follow-up requests to the same host and port that
    /// tell look-alike causes apart (`--no-followup` turns them off).
    public var followups = true
    public var userAgent = "httpdiag/\(HTTPDiagVersion.current)"
    /// -x/--proxy: the proxy every hop goes through (nil: the environment's, as curl;
    /// empty: none, whatever the environment says).
    public var proxy: String?
    /// --noproxy: hosts reached without the proxy (curl's list: `*`, names, `.domain`
    /// suffixes, addresses), instead of the environment's `no_proxy`.
    public var noProxy: String?
    /// -4 / -6: connect over this address family only.
    public var ipFamily: IPFamily = .any
    /// -o: keep the whole body as received (up to `maxDownloadBytes`) besides the evidence.
    public var keepBody = false

    public init(url: String) { self.url = url }

    /// The defaults every front end starts from (`check`'s flags, a fleet config's keys).
    public static let defaults = ProbeOptions(url: "")

    /// The method that will be sent.
    public var effectiveMethod: String {
        if let method { return method.uppercased() }
        if head { return "HEAD" }
        return (body != nil || !multipart.isEmpty) ? "POST" : "GET"
    }

    /// Rejects values that cannot work, with the flag named.
    public func validate() throws {
        if samples < 1 { throw InputError("--samples must be at least 1 (got \(samples))") }
        if samples > 1000 { throw InputError("--samples must be at most 1000 (got \(samples))") }
        if maxTimeMs <= 0 { throw InputError("--max-time must be positive (got \(Double(maxTimeMs) / 1000))") }
        if let c = connectTimeoutMs, c <= 0 { throw InputError("--connect-timeout must be positive (got \(Double(c) / 1000))") }
        if maxRedirects < 0 { throw InputError("--max-redirs must not be negative (got \(maxRedirects))") }
        if captureBytes < 0 { throw InputError("--capture-body must not be negative") }
        if maxDownloadBytes <= 0 { throw InputError("--max-download must be positive") }
        if certWarnDays < 0 { throw InputError("--cert-warn-days must not be negative") }
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex,
                !header[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else {
                throw InputError("-H '\(Redactor.quotableHeaderArgument(header, limit: 200))': expected 'Name: value'")
            }
            if header.containsLineBreakOrNUL {
                // Never the value of a secret header (a prefix of a token is still a leak:
                // this message reaches stderr, `run --format json` and the SQLite reason).
                let trailing = !header.trimmingTrailingNewline().containsLineBreakOrNUL
                throw InputError(
                    "-H '\(Redactor.quotableHeaderArgument(header, limit: 40))': header contains a line break"
                        + (trailing ? " at the end (read from a file or an environment variable?)" : "")
                )
            }
        }
        for entry in resolve {
            let parts = entry.split(separator: ":", maxSplits: 2)
            guard parts.count == 3, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw InputError("--resolve '\(entry)': expected host:port:address")
            }
            for address in parts[2].split(separator: ",") where !IPAddress.isLiteral(String(address).trimmingBrackets()) {
                throw InputError("--resolve '\(entry)': '\(address)' is not an IP address")
            }
        }
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw InputError("--connect-to '\(entry)': expected host:port:connect-host:connect-port")
        }
        if let m = method, m.isEmpty || m.contains(" ") || m.containsLineBreakOrNUL {
            throw InputError("-X '\(m)': not a valid HTTP method")
        }
        if let p = proxy, p.containsLineBreakOrNUL { throw InputError("-x: proxy URL contains a line break") }
        if let p = proxy, !p.isEmpty {
            let scheme = p.contains("://") ? URLParts(p).scheme.lowercased() : "http"
            guard ["http", "https", "socks4", "socks4a", "socks5", "socks5h"].contains(scheme) else {
                throw InputError("-x '\(Redactor().url(p))': unsupported proxy scheme '\(scheme)' (http, https, socks4, socks4a, socks5, socks5h)")
            }
        }
        if userAgent.containsLineBreakOrNUL { throw InputError("-A '\(userAgent.prefix(40))': user agent contains a line break") }
        if let u = userpwd, u.containsLineBreakOrNUL { throw InputError("-u: user:password contains a line break") }
    }
}

extension ProbeOptions {
    /// The same options with every host name of `--resolve` and `--connect-to` in the IDNA
    /// ASCII form libcurl uses (it matches those entries against the converted URL host,
    /// and refuses an entry in Unicode as a malformed URL).
    func withASCIIHostNames() throws -> ProbeOptions {
        var o = self
        o.resolve = try resolve.map { entry in
            var text = Substring(entry)
            let plus = text.hasPrefix("+") ? "+" : ""
            if !plus.isEmpty { text = text.dropFirst() }
            guard let colon = text.firstIndex(of: ":") else { return entry }
            let host = String(text[..<colon])
            return plus + (try Self.asciiHost(host, flag: "--resolve", entry: entry)) + text[colon...]
        }
        o.connectTo = try connectTo.map { entry in
            let parts = entry.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 else { return entry }
            let from = try Self.asciiHost(parts[0], flag: "--connect-to", entry: entry)
            let to = parts[2].hasPrefix("[") ? parts[2] : try Self.asciiHost(parts[2], flag: "--connect-to", entry: entry)
            return [from, parts[1], to, parts[3]].joined(separator: ":")
        }
        return o
    }

    private static func asciiHost(_ host: String, flag: String, entry: String) throws -> String {
        guard !host.isEmpty, host != "*", !host.hasPrefix("[") else { return host }
        do { return try IDNA.ascii(host) } catch {
            throw InputError("\(flag) '\(entry)': '\(host)' is not a valid host name (IDNA)")
        }
    }
}

public enum HTTPDiagVersion {
    public static let current = "0.1.0"
}
