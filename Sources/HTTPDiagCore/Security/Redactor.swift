/// Replaces secrets with a marker that keeps their scheme and length
/// (`Bearer <redacted:812 chars>`). Two mechanisms work together:
/// - by name: secret headers, URL passwords, secret query parameters and body fields;
/// - by value: every secret value the request carried is remembered, and `scrub` removes
///   it from any text (a body or a Set-Cookie that echoes it back, an error message).
public struct Redactor: Sendable {
    /// Values shorter than this are not scrubbed by value (too likely to hit other text);
    /// they are still redacted by name.
    public static let minimumScrubLength = 4
    public private(set) var secrets: [String] = []

    public init() {}

    public static func marker(_ length: Int) -> String { "<redacted:\(length) chars>" }

    public mutating func addSecret(_ value: String) {
        guard value.count >= Self.minimumScrubLength, !secrets.contains(value) else { return }
        secrets.append(value)
        secrets.sort { $0.count > $1.count }  // longest first: a secret may contain another
        if let decoded = value.removingPercentEncodingLenient(), decoded != value { addSecret(decoded) }
    }

    /// Removes every known secret value from `text`.
    public func scrub(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacing(secret, with: Self.marker(secret.count))
        }
        return out
    }

    // MARK: learning secrets from what will be sent

    /// Learns the secret values of a header about to be sent.
    public mutating func learnHeader(name: String, value: String) {
        guard SecretNames.isSecretHeader(name) else { return }
        let lower = name.lowercased()
        if lower == "cookie" {
            for pair in value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { addSecret(String(parts[1]).trimmedSpaces()) }
            }
            return
        }
        addSecret(value.trimmedSpaces())
        if let (_, credentials) = Self.splitScheme(value) {
            addSecret(credentials)
            if lower.hasSuffix("authorization"), value.lowercased().hasPrefix("basic "),
               let decoded = Base64.decode(credentials).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":") {
                addSecret(String(decoded[decoded.index(after: colon)...]))
            }
        }
    }

    /// Learns a password in the URL's userinfo and secret query values.
    public mutating func learnURL(_ url: String) {
        let parts = URLParts(url)
        if let password = parts.password { addSecret(password) }
        for (name, value) in parts.queryItems where SecretNames.isSecretField(name) { addSecret(value) }
    }

    /// Learns `user:password` given with -u.
    public mutating func learnUserPassword(_ userpwd: String) {
        if let colon = userpwd.firstIndex(of: ":") {
            addSecret(String(userpwd[userpwd.index(after: colon)...]))
        }
        addSecret(Base64.encode(Array(userpwd.utf8)))
    }

    /// Learns secret fields of a JSON or form-urlencoded body.
    public mutating func learnBody(_ body: [UInt8]) {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) {
            json.visitStrings { key, value in if SecretNames.isSecretField(key) { addSecret(value) } }
            return
        }
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("=") else { return }
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, SecretNames.isSecretField(String(kv[0])) { addSecret(String(kv[1])) }
        }
    }

    // MARK: redacting by name

    public func header(_ field: HeaderField) -> HeaderField {
        HeaderField(name: field.name, value: headerValue(name: field.name, value: field.value))
    }

    public func headers(_ fields: [HeaderField]) -> [HeaderField] { fields.map(header) }

    public func headerValue(name: String, value: String) -> String {
        let lower = name.lowercased()
        guard SecretNames.isSecretHeader(name) else { return scrub(value) }
        switch lower {
        case "cookie":
            return value.split(separator: ";").map { pair -> String in
                let kv = pair.split(separator: "=", maxSplits: 1)
                let key = String(kv[0]).trimmedSpaces()
                return kv.count == 2 ? "\(key)=\(Self.marker(kv[1].count))" : Self.marker(key.count)
            }.joined(separator: "; ")
        case "set-cookie":
            var attributes = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard !attributes.isEmpty else { return value }
            let kv = attributes[0].split(separator: "=", maxSplits: 1)
            attributes[0] = kv.count == 2 ? "\(kv[0])=\(Self.marker(kv[1].count))" : Self.marker(attributes[0].count)
            return scrub(attributes.joined(separator: ";"))
        default:
            if let (scheme, credentials) = Self.splitScheme(value) {
                return "\(scheme) \(Self.marker(credentials.count))"
            }
            return Self.marker(value.count)
        }
    }

    /// Redacts the URL's password and secret query values; scrubs known values elsewhere.
    public func url(_ url: String) -> String {
        scrub(URLParts(url).redacted())
    }

    /// `Bearer abc` → ("Bearer", "abc") when the value has an auth scheme.
    static func splitScheme(_ value: String) -> (String, String)? {
        let parts = value.trimmedSpaces().split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        return (String(parts[0]), String(parts[1]).trimmedSpaces())
    }
}

extension String {
    /// Percent-decoding without Foundation's full URL machinery; nil when malformed.
    func removingPercentEncodingLenient() -> String? {
        guard contains("%") || contains("+") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(v)
                it = it.dropFirst(2)
            } else if b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
