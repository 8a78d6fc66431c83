import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM, SIGINT and SIGHUP during a fleet run: the handler only records the signal;
/// the run notices it within 100 ms, lets the probes in flight finish for a grace period,
/// commits what finished, marks the run interrupted, and exits 128 + the signal.
public enum Interruption {
    static let received = Atomic<Int32>(0)
    static let count = Atomic<Int>(0)

    public static func install() {
        // The statics are initialised here, never for the first time inside the handler.
        _ = received.load(ordering: .relaxed)
        _ = count.load(ordering: .relaxed)
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                Interruption.received.store(sig, ordering: .relaxed)
                Interruption.count.add(1, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// The first signal received, if any.
    public static var signal: Int32? {
        let s = received.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
    /// How many signals arrived (a second one ends the grace period at once).
    public static var signals: Int { count.load(ordering: .relaxed) }

    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(sig)"
        }
    }
}
