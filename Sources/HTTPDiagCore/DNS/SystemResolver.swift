#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// getaddrinfo: what an application on this machine sees (hosts file, nsswitch, search domains).
public enum SystemResolver {
    public static func lookup(_ host: String, port: Int) -> SystemLookup {
        let started = MonotonicClock.now()
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_ADDRCONFIG
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &result)
        defer { if let result { freeaddrinfo(result) } }
        guard rc == 0 else {
            return SystemLookup(addresses: [], error: eaiName(rc), durationMs: MonotonicClock.millisecondsSince(started))
        }
        var addresses: [String] = []
        var node = result
        while let current = node {
            if let text = IPAddress.text(of: current.pointee.ai_addr), !addresses.contains(text) {
                addresses.append(text)
            }
            node = current.pointee.ai_next
        }
        return SystemLookup(addresses: addresses, error: nil, durationMs: MonotonicClock.millisecondsSince(started))
    }

    static func eaiName(_ rc: Int32) -> String {
        switch rc {
        case EAI_NONAME: "EAI_NONAME"
        case EAI_AGAIN: "EAI_AGAIN"
        case EAI_FAIL: "EAI_FAIL"
        case -5: "EAI_NODATA"  // glibc, behind __USE_GNU
        case -9: "EAI_ADDRFAMILY"
        case EAI_SYSTEM: "EAI_SYSTEM"
        default: "EAI_\(rc)"
        }
    }
}
