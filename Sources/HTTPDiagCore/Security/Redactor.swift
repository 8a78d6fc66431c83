/// Replaces secrets with a marker that keeps their scheme and length
/// (`Bearer <redacted:812 chars>`). Two mechanisms work together:
/// - by name: secret headers, URL passwords, secret query parameters and body fields;
/// - by value: every secret value the request carried is remembered, and `scrub` removes
///   it from any text (a body or a Set-Cookie that echoes it back, an error message), in
///   every encoding an echo predictably uses: JSON and JavaScript escapes, percent and
///   form encoding, HTML character references, and mixes of them (SecretPattern); the
///   base64 of `user:password` that Basic authentication sends is itself a secret.
public struct Redactor: Sendable {
    /// Values shorter than this are not scrubbed by value (too likely to hit other text);
    /// they are still redacted by name.
    public static let minimumScrubLength = 4
    /// Longest first: a secret may contain another.
    public private(set) var secrets: [String] = []
    private var known: Set<String> = []
    /// By the secret's first character, longest first.
    private var patterns: [Unicode.Scalar: [SecretPattern]] = [:]
    /// Bytes at which a match can begin: a secret's first byte, or an escape's.
    private var startBytes = [Bool](repeating: false, count: 256)

    public init() {}

    public static func marker(_ length: Int) -> String { "<redacted:\(length) chars>" }

    public mutating func addSecret(_ value: String) {
        guard value.count >= Self.minimumScrubLength, !known.contains(value), let first = value.unicodeScalars.first else { return }
        known.insert(value)
        let length = value.count
        secrets.insert(value, at: secrets.firstIndex { $0.count < length } ?? secrets.endIndex)
        let pattern = SecretPattern(value)
        var bucket = patterns[first] ?? []
        bucket.insert(pattern, at: bucket.firstIndex { $0.length < length } ?? bucket.endIndex)
        patterns[first] = bucket
        startBytes[Int(value.utf8.first!)] = true
        for b in SecretDecoding.introducers { startBytes[Int(b)] = true }
        if let decoded = value.removingPercentEncodingLenient(), decoded != value { addSecret(decoded) }
    }

    /// Removes every known secret value from `text`, in any of the encodings above, and
    /// every secret recognised by its shape (SecretShapes: AWS keys, signatures and
    /// tokens, secret query parameters of URLs quoted in the text).
    public func scrub(_ text: String) -> String {
        SecretShapes.redact(scrubValues(text))
    }

    /// By value only.
    func scrubValues(_ text: String) -> String {
        guard !secrets.isEmpty, let out = scrubValues(bytes: Array(text.utf8)) else { return text }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes every known secret value from raw bytes (a saved body, binary or not); nil
    /// when there was nothing to remove.
    public func scrubValues(bytes: [UInt8]) -> [UInt8]? {
        guard !secrets.isEmpty else { return nil }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        var firsts: [Unicode.Scalar] = []
        var candidates: [SecretPattern] = []
        while i < bytes.count {
            guard startBytes[Int(bytes[i])] else {
                i += 1
                continue
            }
            firsts.removeAll(keepingCapacity: true)
            SecretDecoding.forEach(in: bytes, at: i) { u, _ in if patterns[u] != nil && !firsts.contains(u) { firsts.append(u) } }
            guard !firsts.isEmpty else {
                i += 1
                continue
            }
            candidates.removeAll(keepingCapacity: true)
            for u in firsts { candidates += patterns[u]! }
            if firsts.count > 1 { candidates.sort { $0.length > $1.length } }
            var end: Int?
            var marker: [UInt8] = []
            for c in candidates {
                if let e = c.matchEnd(in: bytes, from: i) {
                    end = e
                    marker = c.marker
                    break
                }
            }
            guard let end else {
                i += 1
                continue
            }
            out += bytes[copied..<i]
            out += marker
            i = end
            copied = end
        }
        guard copied > 0 else { return nil }
        out += bytes[copied...]
        return out
    }

    /// A `-H` argument as an error message may show it: the value of a secret header is
    /// never quoted, whatever is wrong with the argument (its scheme and length are shown
    /// instead, like everywhere else); other arguments are cut at `limit` characters.
    /// A secret header's name anywhere before the first colon counts (`X-A\nAuthorization`,
    /// `Authorization Bearer ...` without a colon).
    public static func quotableHeaderArgument(_ argument: String, limit: Int) -> String {
        let head = argument.firstIndex(of: ":").map { argument[..<$0] } ?? argument[...]
        let words = head.split { $0.isWhitespace || $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
        guard let name = words.first(where: { SecretNames.isSecretHeader(String($0)) }) else { return String(argument.prefix(limit)) }
        let rest = argument[name.endIndex...]
        let separator = rest.prefix { $0 == ":" || $0 == " " || $0 == "\t" }
        let value = String(rest.dropFirst(separator.count))
        let shown = value.isEmpty ? "" : Redactor().headerValue(name: String(name), value: value)
        return String(argument[..<name.endIndex]) + separator + shown
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
        if lower.hasSuffix("authorization"), let sigV4 = Self.sigV4Parts(value) {
            for part in sigV4 { addSecret(part) }
        }
        if let (_, credentials) = Self.splitScheme(value) {
            addSecret(credentials)
            if lower.hasSuffix("authorization"), value.lowercased().hasPrefix("basic "),
                let decoded = Base64.decode(credentials).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            {
                addSecret(String(decoded[decoded.index(after: colon)...]))
            }
        }
    }

    /// Learns a password in the URL's userinfo, the Basic credentials libcurl builds from
    /// it (percent-decoded, as libcurl sends them), and secret query values.
    public mutating func learnURL(_ url: String) {
        let parts = URLParts(url)
        if let password = parts.password {
            addSecret(password)
            let user = parts.user ?? ""
            learnBasicCredentials(user + ":" + password)
            if let u = user.removingPercentEncodingLenient(plusIsSpace: false),
                let p = password.removingPercentEncodingLenient(plusIsSpace: false)
            {
                learnBasicCredentials(u + ":" + p)
            }
        }
        for (name, value) in parts.queryItems where SecretNames.isSecretField(name) {
            addSecret(value)
            // A presigned URL's credential: the access key id before the scope.
            if name.lowercased() == "x-amz-credential", let decoded = value.removingPercentEncodingLenient(),
                let keyID = decoded.split(separator: "/").first
            {
                addSecret(String(keyID))
            }
        }
    }

    /// The AWS credentials of the process environment (the SDKs' and the CLI's variables),
    /// so that an echo of them anywhere (a response body, an error page) is scrubbed.
    public static let environmentCredentials = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    ]

    /// `environment`: the process's when nil (read once: every probe of a fleet run learns them).
    public mutating func learnEnvironment(_ environment: [String: String]? = nil) {
        for value in environment.map(Self.credentials(in:)) ?? Self.processCredentials { addSecret(value) }
    }

    static let processCredentials = credentials(in: ProcessEnvironment.current)

    static func credentials(in environment: [String: String]) -> [String] {
        environmentCredentials.compactMap { environment[$0]?.trimmedSpaces() }.filter { !$0.isEmpty }
    }

    /// The access key id of the Credential and the Signature of a SigV4 Authorization
    /// (`AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=..., Signature=hex`).
    static func sigV4Parts(_ value: String) -> [String]? {
        let v = value.trimmedSpaces()
        guard v.hasPrefix("AWS4-") else { return nil }
        var parts: [String] = []
        for item in v.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            switch kv[0].lowercased() {
            case "credential": if let id = kv[1].split(separator: "/").first { parts.append(String(id)) }
            case "signature": parts.append(String(kv[1]))
            default: break
            }
        }
        return parts
    }

    /// Learns `user:password` given with -u.
    public mutating func learnUserPassword(_ userpwd: String) {
        if let colon = userpwd.firstIndex(of: ":") {
            addSecret(String(userpwd[userpwd.index(after: colon)...]))
        }
        learnBasicCredentials(userpwd)
    }

    /// base64 of `user:password` as a Basic header carries it, and as an echo may
    /// re-encode it: padded, unpadded, url-safe.
    mutating func learnBasicCredentials(_ userpwd: String) {
        let bytes = Array(userpwd.utf8)
        let standard = Base64.encode(bytes)
        addSecret(standard)
        addSecret(String(standard.prefix { $0 != "=" }))
        addSecret(Base64.encodeURLSafe(bytes))
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
            if lower.hasSuffix("authorization"), Self.sigV4Parts(value) != nil {
                // The scope (date, region, service) and the signed headers stay: they tell a
                // signature mismatch apart; the key id and the signature go.
                let shaped = SecretShapes.redact(value)
                if shaped.contains("Signature=<redacted:"), !shaped.contains("Credential=") || shaped.contains("Credential=<redacted:") {
                    return scrubValues(shaped)
                }
                let rest = value.trimmedSpaces().drop { $0 != " " }.dropFirst()
                return "\(value.trimmedSpaces().prefix { $0 != " " }) \(Self.marker(rest.count))"
            }
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
    /// `+` is a space in query strings and forms, itself in a userinfo.
    func removingPercentEncodingLenient(plusIsSpace: Bool = true) -> String? {
        guard contains("%") || (plusIsSpace && contains("+")) else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(v)
                it = it.dropFirst(2)
            } else if plusIsSpace && b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
