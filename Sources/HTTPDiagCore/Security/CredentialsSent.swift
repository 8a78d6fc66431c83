/// Whether a request carried credentials of any kind: a header the redactor treats as
/// secret (Authorization, Cookie, X-Api-Key, X-Vault-Token, PRIVATE-TOKEN, ...), a
/// password in the URL, a secret query parameter (`api_key=`, `X-Amz-Signature=`), or a
/// decoded bearer token. Anti-forgery tokens alone are not credentials.
extension RequestEvidence {
    public var carriesCredentials: Bool {
        if token != nil { return true }
        let notCredentials: Set<String> = ["x-csrf-token", "x-xsrf-token"]
        if headers.contains(where: { SecretNames.isSecretHeader($0.name) && !notCredentials.contains($0.name.lowercased()) }) { return true }
        let parts = URLParts(url)
        if parts.user != nil || parts.password != nil { return true }
        return parts.queryItems.contains { SecretNames.isSecretField($0.0) }
    }
}
