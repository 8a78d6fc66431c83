#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Address text helpers on top of inet_pton/inet_ntop.
public enum IPAddress {
    public static func isIPv4(_ text: String) -> Bool {
        var a = in_addr()
        return inet_pton(AF_INET, text, &a) == 1
    }

    public static func isIPv6(_ text: String) -> Bool {
        var a = in6_addr()
        return inet_pton(AF_INET6, text, &a) == 1
    }

    public static func isLiteral(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }

    public static func family(_ text: String) -> String? {
        isIPv4(text) ? "ipv4" : isIPv6(text) ? "ipv6" : nil
    }

    /// `[::1]` for IPv6 in URLs and CURLOPT_RESOLVE entries, plain text for IPv4.
    public static func bracketed(_ text: String) -> String { isIPv6(text) ? "[\(text)]" : text }

    static func text(of sa: UnsafeMutablePointer<sockaddr>?) -> String? {
        guard let sa else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(sa.pointee.sa_family) {
        case AF_INET:
            return sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                var addr = sin.pointee.sin_addr
                return inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        case AF_INET6:
            return sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin in
                var addr = sin.pointee.sin6_addr
                return inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
            }
        default:
            return nil
        }
    }
}

extension IPAddress {
    /// The canonical text form (inet_ntop of inet_pton), or nil when not an address.
    public static func canonical(_ text: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        var a4 = in_addr()
        if inet_pton(AF_INET, text, &a4) == 1 {
            return inet_ntop(AF_INET, &a4, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
        }
        var a6 = in6_addr()
        if inet_pton(AF_INET6, text, &a6) == 1 {
            return inet_ntop(AF_INET6, &a6, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
        }
        return nil
    }
}
