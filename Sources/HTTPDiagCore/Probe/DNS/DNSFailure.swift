/// The DNS layer of a libcurl transfer: libcurl resolved the name itself (a proxy's name,
/// or no plan of ours pinned the host) and could not.
enum DNSFailure {
    static func of(_ o: HopOutcome) -> ProbeError? {
        switch o.curlCode {
        case FailureClassifier.couldntResolveHost, FailureClassifier.couldntResolveProxy: o.failure(.dnsNXDomain, "dns")
        default: nil
        }
    }
}
