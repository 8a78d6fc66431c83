import CHTTPDiag

/// Host names in the IDNA ASCII form (A-labels, `xn--...`) that libcurl resolves,
/// connects to and sends, converted by libcurl itself (through libidn2), so that a
/// `--resolve` entry, the URL and DNS queries all name the host the same way.
public enum IDNA {
    public enum Failure: Error, Equatable { case invalid, tooLong }

    /// The A-label form; an ASCII name unchanged.
    public static func ascii(_ host: String) throws(Failure) -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        switch hd_idn_to_ascii(host, &buffer, buffer.count) {
        case 0: return String(cString: buffer)
        case 1: throw .invalid
        default: throw .tooLong
        }
    }

    /// The URL with its host in the A-label form, for libcurl (which would convert a
    /// Unicode host itself only in a UTF-8 locale); unchanged when there is nothing to do.
    static func asciiURL(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 >= 0x80 }) else { return url }
        var buffer = [CChar](repeating: 0, count: url.utf8.count * 4 + 512)
        return hd_url_with_ascii_host(url, &buffer, buffer.count) == 0 ? String(cString: buffer) : url
    }

    /// `ascii`, or the name unchanged when it cannot be converted (libcurl will say why).
    public static func asciiOrSame(_ host: String) -> String { (try? ascii(host)) ?? host }
}
