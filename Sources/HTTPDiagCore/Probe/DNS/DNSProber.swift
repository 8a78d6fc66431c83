/// A name to resolve: a check's host, or a redirect's to another host.
struct DNSQuestion: Sendable {
    var target: TargetURL
    /// The proxy the target is reached through (the proxy resolves the name, not us).
    var proxy: String?
}

/// The DNS layer: which addresses to probe, with the evidence of the lookups (the system
/// resolver as applications see it, and direct A/AAAA queries: rcode, CNAME chain, TTLs).
/// `--resolve`, `--connect-to`, an IP literal or a proxy decide without a lookup.
struct DNSProber: LayerProber {
    static let layer = ProbeLayer.dns

    func probe(_ question: DNSQuestion, context: ProbeContext) async -> LayerOutcome<AddressPlan> {
        let plan = await AddressPlanner.planWithoutBlocking(target: question.target, options: context.options, proxy: question.proxy)
        return LayerOutcome(evidence: plan, failure: plan.failure)
    }
}
