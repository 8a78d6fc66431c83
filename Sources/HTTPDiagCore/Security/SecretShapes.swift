/// Secrets recognised by their shape, not because the request carried them: what a
/// server, a proxy or an error page may show that httpdiag never sent.
/// - AWS access key ids: `AKIA`/`ASIA` + 16 upper-case letters or digits (20 chars);
/// - values after AWS labels, with `=` or `:` and optional quotes (also JSON-escaped
///   ones, `\"SecretAccessKey\": \"...\"`): `aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`,
///   `SecretAccessKey`, `AWS_SESSION_TOKEN`, `SessionToken`, `AWS_SECURITY_TOKEN`,
///   `X-Amz-Security-Token`, `X-Amz-Signature`, and in a SigV4 Authorization
///   (`Credential=AKID/date/region/service/aws4_request, SignedHeaders=..., Signature=hex`)
///   the `Signature` and the key id of the `Credential` (its scope stays: it tells a
///   region or date mismatch apart);
/// - query and form parameters whose name is secret (`SecretNames.isSecretField`) after
///   `?` or `&` (also `&amp;`, `\u0026`, `%26`, `%3F`): a Location header or a body that
///   quotes a URL with a token the server issued.
/// Each value becomes `<redacted:N chars>`; a marker is never matched again.
enum SecretShapes {
    /// Labels whose value is a secret wherever they appear, with `=` or `:`.
    static let awsLabels: Set<String> = [
        "aws_secret_access_key", "secret_access_key", "secretaccesskey", "aws_session_token", "session_token",
        "sessiontoken", "aws_security_token", "securitytoken", "x-amz-security-token", "x-amz-signature",
        "awssecretaccesskey", "awssessiontoken",
    ]
    /// Labels whose value is secret after `=` anywhere (SigV4 Authorization, presigned URLs).
    static let sigV4Labels: Set<String> = ["signature", "x-amz-signature", "credential", "x-amz-credential"]
    /// Of those, where only the key id (up to the first `/`) is secret.
    static let credentialLabels: Set<String> = ["credential", "x-amz-credential"]

    static func isUpperAlnum(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 48 && c <= 57) }
    static func isAlnum(_ c: UInt8) -> Bool { isUpperAlnum(c) || (c >= 97 && c <= 122) }
    static func isNameByte(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") }

    static func redact(_ text: String) -> String {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            var range: Range<Int>?
            if c == UInt8(ascii: "A") {
                range = accessKeyID(b, i)
            } else if c == UInt8(ascii: "=") || c == UInt8(ascii: ":") {
                range = labelledValue(b, i)
            }
            guard let r = range, r.lowerBound >= copied else {
                i += 1
                continue
            }
            out += b[copied..<r.lowerBound]
            out += Array(Redactor.marker(String(decoding: b[r], as: UTF8.self).count).utf8)
            copied = r.upperBound
            i = r.upperBound
        }
        guard copied > 0 else { return text }
        out += b[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `AKIA…`/`ASIA…` at `i`, not inside a longer word (`%2F`, `\u0022` before it count as a boundary).
    static func accessKeyID(_ b: [UInt8], _ i: Int) -> Range<Int>? {
        guard i + 20 <= b.count, b[i + 2] == UInt8(ascii: "I"), b[i + 3] == UInt8(ascii: "A"),
            b[i + 1] == UInt8(ascii: "K") || b[i + 1] == UInt8(ascii: "S")
        else { return nil }
        if i > 0 && isAlnum(b[i - 1]) {
            let escaped = (i >= 3 && b[i - 3] == UInt8(ascii: "%")) || (i >= 6 && b[i - 6] == UInt8(ascii: "\\") && b[i - 5] == UInt8(ascii: "u"))
            guard escaped else { return nil }
        }
        for k in 4..<20 where !isUpperAlnum(b[i + k]) { return nil }
        if i + 20 < b.count && isAlnum(b[i + 20]) { return nil }
        return i..<(i + 20)
    }

    /// The value after the `=` or `:` at `sep`, when the name before it makes it secret.
    static func labelledValue(_ b: [UInt8], _ sep: Int) -> Range<Int>? {
        let isEquals = b[sep] == UInt8(ascii: "=")
        // The name, skipping back over quotes and escapes: `"SecretAccessKey" :`, `\"X\":`.
        var j = sep - 1
        while j >= 0,
            b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t") || b[j] == UInt8(ascii: "\"")
                || b[j] == UInt8(ascii: "'") || b[j] == UInt8(ascii: "\\")
        { j -= 1 }
        let nameEnd = j + 1
        while j >= 0, nameEnd - j <= 64, isNameByte(b[j]) { j -= 1 }
        var nameStart = j + 1
        // An escaped separator reads as part of the name: `\u0026name`, `%26name`, `%3Fname`.
        if nameStart > 0, b[nameStart - 1] == UInt8(ascii: "\\"), nameEnd - nameStart > 5,
            String(decoding: b[nameStart..<(nameStart + 5)], as: UTF8.self) == "u0026"
        {
            nameStart += 5
        } else if nameStart > 0, b[nameStart - 1] == UInt8(ascii: "%"), nameEnd - nameStart > 2,
            ["26", "3f", "3F"].contains(String(decoding: b[nameStart..<(nameStart + 2)], as: UTF8.self))
        {
            nameStart += 2
        }
        guard nameStart < nameEnd, nameEnd - nameStart <= 64 else { return nil }
        let name = String(decoding: b[nameStart..<nameEnd], as: UTF8.self).lowercased()
        let spaced = nameEnd != sep  // something between the name and the separator
        let aws = awsLabels.contains(name)
        let sigV4 = isEquals && !spaced && sigV4Labels.contains(name)
        let query = isEquals && !spaced && afterQuerySeparator(b, nameStart) && SecretNames.isSecretField(name)
        if !isEquals && !aws, let r = jsonStringValue(b, sep: sep, nameStart: nameStart, nameEnd: nameEnd, name: name) { return r }
        guard aws || sigV4 || query else { return nil }
        var v = sep + 1
        if aws && !query {
            while v < b.count,
                b[v] == UInt8(ascii: " ") || b[v] == UInt8(ascii: "\t") || b[v] == UInt8(ascii: "\"")
                    || b[v] == UInt8(ascii: "'") || (b[v] == UInt8(ascii: "\\") && v + 1 < b.count && b[v + 1] == UInt8(ascii: "\""))
            { v += 1 }
        }
        // Not a value: `==` in an expression, a marker already there, a JSON object or list.
        guard v < b.count, !"=<{[(".utf8.contains(b[v]) else { return nil }
        let credential = credentialLabels.contains(name)
        var e = v
        while e < b.count {
            let c = b[e]
            if c == UInt8(ascii: "\\") {
                // A JSON-escaped slash is part of a value (a secret key has `/`); any other escape ends it.
                guard !credential, e + 1 < b.count, b[e + 1] == UInt8(ascii: "/") else { break }
                e += 2
                continue
            }
            if credential
                && (c == UInt8(ascii: "/")
                    || (c == UInt8(ascii: "%") && e + 2 < b.count && b[e + 1] == UInt8(ascii: "2")
                        && (b[e + 2] | 0x20) == UInt8(ascii: "f")))
            {
                break
            }
            if c <= 0x20 || c == 0x7F || "\"'&,;<>#)]}|`".utf8.contains(c) { break }
            e += 1
        }
        return e > v ? v..<e : nil
    }

    /// Names of JSON keys that are not secrets although they contain a secret word.
    static let notSecretKeySuffixes = [
        "_type", "_use", "_endpoint", "_uri", "_url", "expires_in", "_expires_at", "_hint",
        "_format", "_length", "_count", "_version", "_algorithm", "_method", "_name",
        "_supported", "_required", "_lifetime", "_ttl",
    ]

    /// A JSON string under a key named like a secret (`"access_token": "..."`, `"client_secret":"..."`,
    /// and the same JSON-escaped inside another string): an OAuth token response, an
    /// error page that dumps its config. Whole words of `SecretNames` only (`token`,
    /// `secret`, `password`, `signature`, `api_key`, ...), not the short exact names
    /// (`code`, `key`, `sig`): `"code": "AccessDenied"` is evidence.
    static func jsonStringValue(_ b: [UInt8], sep: Int, nameStart: Int, nameEnd: Int, name: String) -> Range<Int>? {
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        guard nameStart > 0, b[nameStart - 1] == quote, nameEnd < b.count,
            b[nameEnd] == quote || (b[nameEnd] == backslash && nameEnd + 1 < b.count && b[nameEnd + 1] == quote),
            SecretNames.containsFragment(name), !notSecretKeySuffixes.contains(where: { name.hasSuffix($0) })
        else { return nil }
        var v = sep + 1
        while v < b.count, b[v] == UInt8(ascii: " ") || b[v] == UInt8(ascii: "\t") { v += 1 }
        // `"` opens a string; `\"` one inside another string (the report's own JSON).
        var escapedQuote = false
        if v < b.count, b[v] == quote {
            v += 1
        } else if v + 1 < b.count, b[v] == backslash, b[v + 1] == quote {
            v += 2
            escapedQuote = true
        } else {
            return nil
        }
        guard v < b.count, b[v] != UInt8(ascii: "<") else { return nil }
        var e = v
        while e < b.count {
            if b[e] == quote {
                var run = 0
                while e - run - 1 >= v, b[e - run - 1] == backslash { run += 1 }
                if escapedQuote ? run == 1 : run % 2 == 0 {
                    let end = escapedQuote ? e - 1 : e
                    return end > v ? v..<end : nil
                }
            }
            if b[e] == UInt8(ascii: "\n") { return nil }
            e += 1
        }
        return nil
    }

    /// Whether the name starting at `p` follows `?` or `&` (or their escapes).
    static func afterQuerySeparator(_ b: [UInt8], _ p: Int) -> Bool {
        guard p > 0 else { return false }
        let c = b[p - 1]
        if c == UInt8(ascii: "?") || c == UInt8(ascii: "&") { return true }
        func ends(_ s: String) -> Bool {
            let u = Array(s.utf8)
            guard p >= u.count else { return false }
            return zip(b[(p - u.count)..<p], u).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
        }
        return ends("&amp;") || ends("\\u0026") || ends("%26") || ends("%3f")
    }
}
