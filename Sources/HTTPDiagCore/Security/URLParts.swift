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

    /// One pass over the UTF-8 bytes with integer offsets (the delimiters are ASCII, which
    /// never occur inside a multi-byte sequence, so every cut is at a character boundary):
    /// the String.Index searches this replaces cost ~6k instructions a URL, and a fleet
    /// probe parses its URL about eight times.
    public init(_ url: String) {
        var url = url
        self = url.withUTF8 { Self.parse($0) }
    }

    private init() {}

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> URLParts {
        var p = URLParts()
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        func first(_ byte: UInt8, _ lo: Int, _ hi: Int) -> Int? {
            var i = lo
            while i < hi {
                if b[i] == byte { return i }
                i += 1
            }
            return nil
        }
        let colon = UInt8(ascii: ":")
        let slash = UInt8(ascii: "/")
        var start = 0
        var end = b.count
        var i = 0
        while i + 2 < b.count {
            if b[i] == colon && b[i + 1] == slash && b[i + 2] == slash {
                p.scheme = text(0, i)
                start = i + 3
                break
            }
            i += 1
        }
        if let hash = first(UInt8(ascii: "#"), start, end) {
            p.fragment = text(hash + 1, end)
            end = hash
        }
        if let q = first(UInt8(ascii: "?"), start, end) {
            p.query = text(q + 1, end)
            end = q
        }
        let authorityEnd = first(slash, start, end) ?? end
        p.path = text(authorityEnd, end)
        var hostStart = start
        var at = authorityEnd - 1
        while at >= start && b[at] != UInt8(ascii: "@") { at -= 1 }
        if at >= start {
            if let c = first(colon, start, at) {
                p.user = text(start, c)
                p.password = text(c + 1, at)
            } else {
                p.user = text(start, at)
            }
            hostStart = at + 1
        }
        p.hostPort = text(hostStart, authorityEnd)
        return p
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
