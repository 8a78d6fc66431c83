/// Decodes a bearer token's claims without verifying it: evidence for telling a Cognito
/// ID token from an access token, a wrong audience or an expired token. The signature is
/// never kept.
public enum JWTDecoder {
    public static func evidence(authorization value: String, now: Date = Date()) -> TokenEvidence {
        let (scheme, token) = Redactor.splitScheme(value) ?? ("", value.trimmedSpaces())
        var evidence = TokenEvidence(format: "opaque", scheme: scheme, length: token.count)
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3,
            let headerBytes = Base64.decode(String(segments[0])),
            let payloadBytes = Base64.decode(String(segments[1])),
            case .object(let header)? = try? JSONDecoder().decode(JSONValue.self, from: Data(headerBytes)),
            case .object(let claims)? = try? JSONDecoder().decode(JSONValue.self, from: Data(payloadBytes))
        else { return evidence }
        evidence.format = "jwt"
        evidence.alg = header["alg"]?.stringValue
        evidence.kid = header["kid"]?.stringValue
        evidence.tokenUse = claims["token_use"]?.stringValue
        switch claims["aud"] {
        case .string(let s)?: evidence.aud = [s]
        case .array(let a)?: evidence.aud = a.compactMap(\.stringValue)
        default: break
        }
        evidence.clientId = claims["client_id"]?.stringValue
        evidence.iss = claims["iss"]?.stringValue
        evidence.scope = claims["scope"]?.stringValue
        // Dates outside years 1970...9999 cannot be written as ISO 8601 (a hostile token's
        // exp of 1e300 made the JSON output fail): such a claim is left out.
        let validSeconds = 0.0...253_402_300_799.0
        if let exp = claims["exp"]?.numberValue, validSeconds.contains(exp) {
            let date = Date(timeIntervalSince1970: exp)
            evidence.exp = date
            evidence.expired = date < now
            evidence.expiresInSeconds = (date.timeIntervalSince(now) * 1000).rounded() / 1000
        }
        if let iat = claims["iat"]?.numberValue, validSeconds.contains(iat) { evidence.iat = Date(timeIntervalSince1970: iat) }
        return evidence
    }
}
