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
        return exactHeaders.contains(n) || containsFragment(n)
    }

    /// Query parameters, form fields and JSON keys.
    public static func isSecretField(_ name: String) -> Bool {
        let n = name.lowercased()
        return exactFields.contains(n) || containsFragment(n)
    }

    private static let fragmentBytes = fragments.map { Array($0.utf8) }

    /// Byte search: this runs for every header of every probe of a fleet run, and
    /// String.contains(String) is far slower than a scan of a short ASCII name.
    static func containsFragment(_ lowercased: String) -> Bool {
        let bytes = Array(lowercased.utf8)
        for f in fragmentBytes where f.count <= bytes.count {
            var i = 0
            while i + f.count <= bytes.count {
                if bytes[i] == f[0] && bytes[i..<(i + f.count)].elementsEqual(f) { return true }
                i += 1
            }
        }
        return false
    }
}
