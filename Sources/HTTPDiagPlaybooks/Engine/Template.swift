import HTTPDiagCore

/// `{{...}}` placeholders in explanations and remediation steps:
/// `{{status}}`, `{{reason}}`, `{{host}}`, `{{port}}` (the URL's, or its scheme's default),
/// `{{address}}`, `{{url}}`, `{{error}}`,
/// `{{header:Name}}`, `{{request_header:Name}}`, `{{field:path}}`, `{{hops}}`,
/// `{{body_match:regex}}` (the first match in the body).
enum Template {
    static func render(_ text: String, facts: ProbeFacts) -> String {
        substitute(text) { inside in
            let key = inside.trimmedSpaces()
            // A body quote that found nothing adds nothing; any other missing value shows as "?".
            return value(key, facts) ?? (key.hasPrefix("body_match:") ? "" : "?")
        }.text
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
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { return (out + rest[open.lowerBound...], true) }
            out += try replace(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return (out + rest, false)
    }

    static let simpleKeys = ["status", "reason", "host", "port", "address", "url", "error", "hops", "generator", "method"]
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
}
