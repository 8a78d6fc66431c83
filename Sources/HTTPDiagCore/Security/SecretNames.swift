/// Which header, query and body field names carry secrets.
public enum SecretNames {
    static let exactHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
        "apikey", "x-auth-token", "x-amz-security-token", "x-csrf-token", "x-xsrf-token",
        "private-token", "x-access-token", "x-goog-api-key", "ocp-apim-subscription-key",
    ]
    static let exactFields: Set<String> = [
        "key", "sig", "code", "pass", "pwd", "auth", "jwt", "x-amz-credential", "awsaccesskeyid",
    ]
    static let fragments = [
        "token", "secret", "password", "passwd", "signature", "apikey", "api_key", "api-key",
        "access_key", "accesskey", "private_key", "session",
    ]

    public static func isSecretHeader(_ name: String) -> Bool {
        let n = name.lowercased()
        return exactHeaders.contains(n) || fragments.contains { n.contains($0) }
    }

    /// Query parameters, form fields and JSON keys.
    public static func isSecretField(_ name: String) -> Bool {
        let n = name.lowercased()
        return exactFields.contains(n) || fragments.contains { n.contains($0) }
    }
}
