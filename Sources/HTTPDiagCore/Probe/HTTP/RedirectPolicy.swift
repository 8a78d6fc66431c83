/// Whether credentials go on to the next hop of a redirect: the one rule, for `check` and
/// the fleet alike (both follow redirects through `HTTPProber`).
///
/// Credentials are every header the redactor classes as secret (`SecretNames`:
/// Authorization, Cookie, Proxy-Authorization, X-Api-Key, X-Auth-Token, anything named
/// `*token*`, `*secret*`, `*session*`, ...) and `-u`. They stay with the origin that was
/// given them: they go on only to the same host (IDNA and case folded, trailing dot
/// ignored) and port, over the same scheme or upgraded from http to https (port 80 to 443).
/// Another host, another port (another service) or a downgrade from https to http drops
/// them for the rest of the chain, as curl does without `--location-trusted`.
public enum RedirectPolicy {
    public static func keepsCredentials(from current: String, to next: String) -> Bool {
        let a = Endpoint(current)
        let b = Endpoint(next)
        guard !a.host.isEmpty, a.host == b.host else { return false }
        switch (a.scheme, b.scheme) {
        case ("https", "http"): return false
        case ("http", "https"): return a.port == b.port || (a.port == 80 && b.port == 443)
        default: return a.scheme == b.scheme && a.port == b.port
        }
    }

    /// The headers (`Name: value` lines) to send on the next hop.
    public static func headersForRedirect(_ headers: [String], from current: String, to next: String) -> [String] {
        guard !keepsCredentials(from: current, to: next) else { return headers }
        return headers.filter { !SecretNames.isSecretHeader(headerName($0)) }
    }

    /// `Name` of `Name: value` (or of curl's `Name;`, a header sent empty).
    static func headerName(_ line: String) -> String {
        String(line.prefix { $0 != ":" && $0 != ";" }).trimmedSpaces()
    }

    /// Scheme, host and effective port of an absolute URL, compared as a client connects.
    struct Endpoint {
        var scheme: String
        var host: String
        var port: Int

        init(_ url: String) {
            let parts = URLParts(url)
            scheme = parts.scheme.lowercased()
            var hostPort = Substring(parts.hostPort)
            var portText: Substring = ""
            if hostPort.hasPrefix("["), let end = hostPort.firstIndex(of: "]") {
                let after = hostPort[hostPort.index(after: end)...]
                if after.hasPrefix(":") { portText = after.dropFirst() }
                hostPort = hostPort[hostPort.index(after: hostPort.startIndex)..<end]
            } else if let colon = hostPort.lastIndex(of: ":") {
                portText = hostPort[hostPort.index(after: colon)...]
                hostPort = hostPort[..<colon]
            }
            var name = String(hostPort).lowercased()
            if name.hasSuffix(".") { name.removeLast() }
            host = IPAddress.canonical(name) ?? IDNA.asciiOrSame(name).lowercased()
            port = Int(portText) ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        }
    }
}
