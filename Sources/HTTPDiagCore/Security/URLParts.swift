/// A lenient split of an absolute URL into the parts redaction and probing need. It
/// never fails: validation is `TargetURL`'s job; this works on any text.
public struct URLParts {
    public var scheme = ""
    var user: String?
    var password: String?
    public var hostPort = ""
    public var path = ""
    public var query: String?
    var fragment: String?

    /// The first "://", found on the bytes (a generic Character search was a visible cost:
    /// every probe parses its URL several times).
    static func schemeSeparator(_ s: Substring) -> Range<String.Index>? {
        let u = s.utf8
        var i = u.startIndex
        while let colon = u[i...].firstIndex(of: UInt8(ascii: ":")) {
            let a = u.index(after: colon)
            if a < u.endIndex, u[a] == UInt8(ascii: "/") {
                let b = u.index(after: a)
                if b < u.endIndex, u[b] == UInt8(ascii: "/") { return colon..<u.index(after: b) }
            }
            i = a
        }
        return nil
    }

    /// The first or last index of an ASCII delimiter, found on the bytes (Character
    /// searches, grapheme by grapheme, were most of a healthy probe's URL work).
    private static func first(_ byte: UInt8, in s: Substring) -> String.Index? {
        s.utf8.firstIndex(of: byte)
    }

    private static func last(_ byte: UInt8, in s: Substring) -> String.Index? {
        s.utf8.lastIndex(of: byte)
    }

    /// Splits on an ASCII byte (a faster `split(separator:omittingEmptySubsequences:)`).
    static func split(_ s: Substring, on byte: UInt8, omittingEmpty: Bool) -> [Substring] {
        var parts: [Substring] = []
        var start = s.startIndex
        let u = s.utf8
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == byte {
                if !omittingEmpty || start < i { parts.append(s[start..<i]) }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if !omittingEmpty || start < s.endIndex { parts.append(s[start...]) }
        return parts
    }

    public init(_ url: String) {
        var rest = Substring(url)
        if let r = Self.schemeSeparator(rest) {
            scheme = String(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        if let hash = Self.first(UInt8(ascii: "#"), in: rest) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = Self.first(UInt8(ascii: "?"), in: rest) {
            query = String(rest[rest.utf8.index(after: q)...])
            rest = rest[..<q]
        }
        let authorityEnd = Self.first(UInt8(ascii: "/"), in: rest) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        path = String(rest[authorityEnd...])
        if let at = Self.last(UInt8(ascii: "@"), in: authority) {
            let userinfo = authority[..<at]
            authority = authority[authority.utf8.index(after: at)...]
            if let colon = Self.first(UInt8(ascii: ":"), in: userinfo) {
                user = String(userinfo[..<colon])
                password = String(userinfo[userinfo.utf8.index(after: colon)...])
            } else {
                user = String(userinfo)
            }
        }
        hostPort = String(authority)
    }

    var queryItems: [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return Self.split(Substring(query), on: UInt8(ascii: "&"), omittingEmpty: true).map { pair in
            guard let eq = Self.first(UInt8(ascii: "="), in: pair) else { return (String(pair), "") }
            return (String(pair[..<eq]), String(pair[pair.utf8.index(after: eq)...]))
        }
    }

    func redacted() -> String {
        var out = scheme.isEmpty ? "" : scheme + "://"
        if let user {
            out += user
            if let password { out += ":" + Redactor.marker(password.count) }
            out += "@"
        }
        out += hostPort + path
        if let query {
            let items = Self.split(Substring(query), on: UInt8(ascii: "&"), omittingEmpty: false).map { pair -> String in
                guard let eq = Self.first(UInt8(ascii: "="), in: pair), SecretNames.isSecretField(String(pair[..<eq])) else {
                    return String(pair)
                }
                return "\(pair[..<eq])=\(Redactor.marker(pair[pair.utf8.index(after: eq)...].count))"
            }
            out += "?" + items.joined(separator: "&")
        }
        if let fragment { out += "#" + fragment }
        return out
    }
}
