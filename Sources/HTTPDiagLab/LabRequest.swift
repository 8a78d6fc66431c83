/// A request as the lab server parsed it.
public struct LabRequest: Sendable {
    public var method: String
    public var target: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The bytes did not start like an HTTP request (TLS, SSH, garbage).
    public var malformed = false

    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
