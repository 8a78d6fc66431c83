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

    public init(_ url: String) {
        var rest = Substring(url)
        if let r = Self.schemeSeparator(rest) {
            scheme = String(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        path = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                user = String(userinfo[..<colon])
                password = String(userinfo[userinfo.index(after: colon)...])
            } else {
                user = String(userinfo)
            }
        }
        hostPort = String(authority)
    }

    var queryItems: [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
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
            let items = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard kv.count == 2, SecretNames.isSecretField(String(kv[0])) else { return String(pair) }
                return "\(kv[0])=\(Redactor.marker(kv[1].count))"
            }
            out += "?" + items.joined(separator: "&")
        }
        if let fragment { out += "#" + fragment }
        return out
    }
}
