/// One reproducible problem of the lab: where it lives, the exact behaviour of the
/// failing system, the request that provokes it, and the diagnosis it must get.
public struct LabEndpoint: Sendable {
    public enum Target: Sendable {
        /// A path on the lab's HTTP server.
        case http(path: String)
        /// A name of the lab's DNS zone, probed with `--dns-server` on the HTTP server's port.
        case dns(name: String, path: String)
        /// An `openssl s_server` with a generated certificate (`cert` names a file of
        /// scripts/make-test-certs.sh) and extra s_server flags.
        case tls(cert: String, extra: [String])
        /// A loopback port where nothing listens.
        case closedPort
    }

    public var name: String
    public var summary: String
    public var target: Target
    public var behavior: LabBehavior = .text(200, "ok\n")
    public var headers: [String] = []
    public var method: String? = nil
    public var body: String? = nil
    public var samples = 1
    /// The root-cause id a diagnosis must rank first; nil for a healthy endpoint.
    public var expected: String?

    public init(
        name: String,
        summary: String,
        target: Target,
        behavior: LabBehavior = .text(200, "ok\n"),
        headers: [String] = [],
        method: String? = nil,
        body: String? = nil,
        samples: Int = 1,
        expected: String?
    ) {
        self.name = name
        self.summary = summary
        self.target = target
        self.behavior = behavior
        self.headers = headers
        self.method = method
        self.body = body
        self.samples = samples
        self.expected = expected
    }

    public var path: String? {
        switch target {
        case .http(let p), .dns(_, let p): p
        default: nil
        }
    }
}
