import HTTPDiagCore

/// `{{jwt:KIND[,claim=value...]}}` in case headers: unsigned test JWTs with the claims
/// that matter (a Cognito ID token has `token_use: id` and `aud`; an access token has
/// `token_use: access`, `client_id` and `scope`). `expired` sets exp in the past.
enum TestTokens {
    static func expand(_ text: String, now: Date) -> String {
        Template.substitute(text, opening: "{{jwt:") { token($0, now: now) }.text
    }

    static func token(_ spec: String, now: Date) -> String {
        let parts = spec.split(separator: ",").map(String.init)
        let kind = parts.first ?? "access"
        let iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
        var claims: [String: JSONValue] = [
            "iss": .string(iss), "sub": .string("6f1c2b9e-0000-4000-8000-000000000001"),
            "iat": .number(now.timeIntervalSince1970.rounded() - 600),
            "exp": .number(now.timeIntervalSince1970.rounded() + 3000),
        ]
        switch kind {
        case "id":
            claims["token_use"] = .string("id")
            claims["aud"] = .string("3n4b5urk1ft4fl3mg5e62d9ado")
        case "access":
            claims["token_use"] = .string("access")
            claims["client_id"] = .string("3n4b5urk1ft4fl3mg5e62d9ado")
            claims["scope"] = .string("orders/read orders/write")
        case "expired":
            claims["token_use"] = .string("access")
            claims["client_id"] = .string("3n4b5urk1ft4fl3mg5e62d9ado")
            claims["exp"] = .number(now.timeIntervalSince1970.rounded() - 3600)
        default: break  // "plain": no Cognito claims
        }
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            if let n = Double(kv[1]) {
                claims[kv[0]] = .number(kv[0] == "exp" ? now.timeIntervalSince1970.rounded() + n : n)
            } else {
                claims[kv[0]] = .string(kv[1])
            }
        }
        func seg(_ v: JSONValue) -> String {
            let enc = JSONEncoder()
            enc.outputFormatting = .sortedKeys
            let data = (try? enc.encode(v)) ?? Data()
            return Base64.encodeURLSafe(Array(data))
        }
        return seg(.object(["alg": .string("RS256"), "kid": .string("test-key")])) + "." + seg(.object(claims)) + ".c2lnbmF0dXJl"
    }
}
