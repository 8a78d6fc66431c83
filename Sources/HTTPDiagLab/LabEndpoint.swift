/// One reproducible problem of the lab: a path on the lab server with the exact
/// behaviour of the failing system, the request that provokes it, and what a correct
/// diagnosis says.
public struct LabEndpoint: Sendable {
    public var name: String
    public var summary: String
    public var path: String
    public var behavior: LabBehavior
    /// Extra request headers (`Name: value`), e.g. a token of the wrong kind.
    public var headers: [String] = []
    public var method: String? = nil
    public var body: String? = nil
    /// The failure kind the probe must report (nil for a response with a status).
    public var expectedKind: String?
    /// The root-cause id a diagnosis must rank first (filled as playbooks arrive).
    public var expectedRootCause: String?
}
