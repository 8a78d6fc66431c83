/// `-4` / `-6`: the address family a check connects over, as curl's `--ipv4` / `--ipv6`.
/// Resolved addresses of the other family are not probed (and the other-family follow-up
/// does not run); when none is left, the check fails as DNS without an address would.
public enum IPFamily: String, Sendable, CaseIterable {
    case any, ipv4, ipv6

    /// Whether `address` (an IP literal) may be used.
    public func allows(_ address: String) -> Bool {
        switch self {
        case .any: true
        case .ipv4: IPAddress.isIPv4(address)
        case .ipv6: IPAddress.isIPv6(address)
        }
    }

    /// The flag that asked for it.
    public var flag: String { self == .ipv4 ? "-4" : self == .ipv6 ? "-6" : "" }

    /// CURLOPT_IPRESOLVE's value (CURL_IPRESOLVE_WHATEVER / V4 / V6: macros Swift cannot import).
    var curlValue: Int { self == .ipv4 ? 1 : self == .ipv6 ? 2 : 0 }
}
