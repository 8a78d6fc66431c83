import HTTPDiagCore

/// `{{...}}` placeholders in explanations and remediation steps:
/// `{{status}}`, `{{reason}}`, `{{host}}`, `{{port}}` (the URL's, or its scheme's default),
/// `{{address}}`, `{{url}}`, `{{error}}`,
/// `{{header:Name}}`, `{{request_header:Name}}`, `{{field:path}}`, `{{hops}}`,
/// `{{body_match:regex}}` (the first match in the body), `{{bucket}}` (the S3 bucket when
/// the URL or the body names it), `{{scheme}}`, `{{path}}` (the URL's path and query).
///
/// A value the probe does not know renders as its `<placeholder>` (`<bucket>`, `<port>`),
/// never as a guess: a command with `<bucket>` in it asks to be completed, one with a
/// wrong default runs against the wrong thing.
enum Template {
    static func render(_ text: String, facts: ProbeFacts) -> String {
        substitute(text) { inside in
            let key = inside.trimmedSpaces()
            // A body quote that found nothing adds nothing.
            return value(key, facts) ?? (key.hasPrefix("body_match:") ? "" : placeholder(key))
        }.text
    }

    /// The text with every placeholder as `<placeholder>` (`httpdiag explain`, where
    /// there is no probe).
    static func describe(_ text: String) -> String {
        substitute(text) { inside in
            let key = inside.trimmedSpaces()
            return key.hasPrefix("body_match:") ? "<quote from the body>" : placeholder(key)
        }.text
    }

    /// `<host>`, `<X-Amz-Cf-Pop header>`, `<dns.name>`.
    static func placeholder(_ key: String) -> String {
        if key.hasPrefix("header:") { return "<\(key.dropFirst(7)) header>" }
        if key.hasPrefix("request_header:") { return "<\(key.dropFirst(15)) request header>" }
        if key.hasPrefix("field:") { return "<\(key.dropFirst(6))>" }
        return "<\(key)>"
    }

    /// The one placeholder scanner: replaces every `opening…}}` by `replace(inside)`.
    /// An unclosed placeholder is kept as written and reported.
    static func substitute(
        _ text: String,
        opening: String = "{{",
        _ replace: (String) throws -> String
    ) rethrows
        -> (text: String, unclosed: Bool)
    {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: opening) {
            out += rest[..<open.lowerBound]
            guard var close = rest[open.upperBound...].firstRange(of: "}}") else { return (out + rest[open.lowerBound...], true) }
            // A run of braces closes at its last two: `{{body_match:x{0,160}}}` is the
            // regex `x{0,160}`, not `x{0,160` followed by a stray `}`.
            while close.upperBound < rest.endIndex, rest[close.upperBound] == "}" {
                close = rest.index(after: close.lowerBound)..<rest.index(after: close.upperBound)
            }
            out += try replace(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return (out + rest, false)
    }

    static let simpleKeys = [
        "status", "reason", "host", "port", "address", "url", "error", "hops", "generator", "method", "bucket", "scheme", "path",
    ]
    static let prefixedKeys = ["header:", "request_header:", "field:", "body_match:"]

    static func isKnown(_ key: String) -> Bool {
        simpleKeys.contains(key) || prefixedKeys.contains { key.hasPrefix($0) }
    }

    /// The port of a URL: explicit, else its scheme's default (443 for https, 80 for http).
    static func port(of url: String) -> String? {
        let parts = URLParts(url)
        let hostPort = parts.hostPort
        let afterHost = hostPort.hasPrefix("[") ? hostPort.drop { $0 != "]" }.dropFirst() : Substring(hostPort)
        if let colon = afterHost.lastIndex(of: ":"), let port = Int(afterHost[afterHost.index(after: colon)...]) {
            return String(port)
        }
        switch parts.scheme.lowercased() {
        case "https": return "443"
        case "http": return "80"
        default: return nil
        }
    }

    static func value(_ key: String, _ facts: ProbeFacts) -> String? {
        let p = facts.probe
        switch key {
        case "status": return p.response.map { String($0.status) }
        case "reason": return p.response?.reason
        case "host": return URLParts(p.request.url).hostPort.hostOnly
        case "port": return port(of: p.request.url)
        case "address": return p.address
        case "url": return p.request.url
        case "method": return p.request.method
        case "scheme": return URLParts(p.request.url).scheme.lowercased()
        case "path":
            let parts = URLParts(p.request.url)
            return (parts.path.isEmpty ? "/" : parts.path) + (parts.query.map { "?" + $0 } ?? "")
        case "bucket": return bucket(p)
        case "error": return p.error?.message
        case "hops": return facts.hops.map(\.name).joined(separator: " → ")
        case "generator": return facts.hops.first(where: \.generatedResponse).map { $0.name == "origin" ? "the server" : $0.name }
        default: break
        }
        if key.hasPrefix("header:") { return p.response?.headers.first(String(key.dropFirst(7))) }
        if key.hasPrefix("request_header:") { return p.request.headers.first(String(key.dropFirst(15))) }
        if key.hasPrefix("field:") {
            return facts.values(String(key.dropFirst(6))).compactMap(\.text).first
        }
        if key.hasPrefix("body_match:") { return RegexCache.firstMatch(String(key.dropFirst(11)), p.response?.body ?? "") }
        return nil
    }

    /// The S3 bucket when visible: `<BucketName>` in an S3 error body, a virtual-hosted
    /// name (`media.s3.us-east-1.amazonaws.com`), or a path-style URL's first segment.
    static func bucket(_ p: ProbeResult) -> String? {
        if let body = p.response?.body, let open = body.firstRange(of: "<BucketName>"),
            let close = body[open.upperBound...].firstRange(of: "</BucketName>")
        {
            let name = body[open.upperBound..<close.lowerBound]
            if !name.isEmpty, name.count <= 255, !name.contains("<") { return String(name) }
        }
        let parts = URLParts(p.request.url)
        let host = parts.hostPort.hostOnly.lowercased()
        guard host.hasSuffix(".amazonaws.com") else { return nil }
        let labels = host.split(separator: ".")
        if let s3 = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }), s3 > 0 {
            return labels[..<s3].joined(separator: ".")
        }
        if labels.first.map({ $0 == "s3" || $0.hasPrefix("s3-") }) == true {
            let path = parts.path.split(separator: "/").first.map(String.init)
            return path
        }
        return nil
    }
}
