#if canImport(Glibc)
import Glibc
#endif

/// The TCP layer of a libcurl transfer: the connect did not happen (refused, timed out,
/// unreachable, or failed on this machine before any SYN went out).
enum TCPFailure {
    static func of(_ o: HopOutcome) -> ProbeError? {
        switch o.curlCode {
        case FailureClassifier.couldntConnect:
            return connectFailure(Int32(o.osErrno), o)
        case FailureClassifier.interfaceFailed:
            let err = Int32(o.osErrno)
            return o.failure(
                .localError,
                "connect",
                "the local address or interface to connect from could not be used"
                    + (err == 0 ? "" : ": \(OSErrno.describe(err))")
            )
        case FailureClassifier.operationTimedOut where !o.connected:
            return o.failure(.connectTimeout, "connect")
        default:
            return nil
        }
    }

    private static func connectFailure(_ err: Int32, _ o: HopOutcome) -> ProbeError {
        switch err {
        case ECONNREFUSED: return o.failure(.connectRefused, "connect")
        case ETIMEDOUT: return o.failure(.connectTimeout, "connect")
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN:
            return o.failure(.networkUnreachable, "connect", OSErrno.describe(err))
        case 0:
            return o.failure(.localError, "connect", "libcurl could not connect and reported no errno (\(o.curlMessage))")
        default:
            // Failed on this machine, before any SYN went out: nothing was refused.
            return o.failure(
                .localError,
                "connect",
                "connect() failed on this machine, no SYN was sent: \(OSErrno.describe(err))\(localConnectHint(err))"
            )
        }
    }

    /// What a local connect errno usually means, for the message.
    static func localConnectHint(_ err: Int32) -> String {
        switch err {
        case EACCES, EPERM: return "; a routing rule (prohibit), a local firewall or a security policy forbids this connection"
        case EADDRNOTAVAIL: return "; no local address can reach it (its address family is off here, or no local port is free)"
        case EAFNOSUPPORT: return "; this machine does not support the address family (IPv6 turned off?)"
        case EINVAL: return "; the address cannot be used from here (a link-local address without a scope, a blackhole route)"
        case EMFILE, ENFILE: return "; out of file descriptors (ulimit -n)"
        case ENOBUFS, ENOMEM: return "; the kernel is out of buffers or memory"
        default: return ""
        }
    }
}
