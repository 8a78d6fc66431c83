/// The layers a probe goes through, bottom up; every prober belongs to one (its folder
/// under `Probe/` is named after it).
enum ProbeLayer: String, Sendable, CaseIterable {
    case dns, tcp, tls, http
}

/// What one prober found: the evidence of its layer and, when the layer failed, why.
struct LayerOutcome<Evidence: Sendable>: Sendable {
    var evidence: Evidence
    /// The layer's failure (nil: it worked, or it has nothing to say against the target).
    var failure: ProbeError?

    init(evidence: Evidence, failure: ProbeError? = nil) {
        self.evidence = evidence
        self.failure = failure
    }
}

/// One prober, for one layer, with the one signature every prober has: it asks the network
/// one question at its layer (or reads that layer of an exchange already made), given what
/// the check shares (ProbeContext), and says what it found (LayerOutcome). As in
/// blackbox_exporter's `prober/` (every prober a `ProbeFn` in one map), each is registered
/// in one place, ProberRegistry; the follow-up probes are probers too (FollowUpProber), and
/// so will be the AWS checks.
///
/// - `Probe/DNS`: DNSProber resolves a name (the system resolver and direct queries).
/// - `Probe/TCP`: TCPProber makes a bare TCP connection (connect, a few bytes, the first
///   bytes back); TCPFailure reads the TCP layer of a libcurl transfer.
/// - `Probe/TLS`: TLSProber reads the TLS layer of an exchange (chain, verification,
///   alerts), making a handshake of its own when the chain could not be read; TLSFailure
///   classifies the TLS layer of a transfer.
/// - `Probe/HTTP`: HTTPProber makes one probe, hop by hop through redirects; HTTPFailure
///   classifies the HTTP layer of a transfer.
///
/// FailureClassifier decides which layer's failure a transfer is (the layers in order).
protocol LayerProber<Input, Evidence>: Sendable {
    associatedtype Input: Sendable
    associatedtype Evidence: Sendable
    /// The layer this prober asks about.
    static var layer: ProbeLayer { get }
    /// Never throws and never outlives the context's deadlines: what went wrong is evidence.
    func probe(_ input: Input, context: ProbeContext) async -> LayerOutcome<Evidence>
}
