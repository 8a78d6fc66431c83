#if canImport(Glibc)
import Glibc
#endif

/// Compiled case-insensitive regexes, reused: playbooks and hop signatures match the same
/// patterns on every probe of a fleet run. `Regex` is not Sendable, so instead of one
/// process-wide cache behind a lock (which made concurrent diagnoses run one at a time)
/// every thread keeps its own, and matching never waits for another thread. Each cache
/// is bounded: past `limit` patterns it starts again (the playbooks use a few hundred).
enum RegexCache {
    static let limit = 1024

    private final class Store {
        var compiled: [String: Regex<AnyRegexOutput>] = [:]
        var invalid: Set<String> = []
    }

    /// The thread's store, created on first use and released when the thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static var store: Store {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as! Store
        }
        let store = Store()
        pthread_setspecific(key, Unmanaged.passRetained(store as AnyObject).toOpaque())
        return store
    }

    /// Throws when the pattern is not a valid regex (the playbook linter reports it).
    static func validate(_ pattern: String) throws {
        _ = try Regex(pattern)
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        firstMatch(pattern, text) != nil
    }

    static func firstMatch(_ pattern: String, _ text: String) -> String? {
        guard let regex = compiled(pattern), let m = try? regex.firstMatch(in: text) else { return nil }
        return String(text[m.range])
    }

    /// Nil for an invalid pattern (a check skips validation for start-up time).
    static func compiled(_ pattern: String) -> Regex<AnyRegexOutput>? {
        let store = store
        if let r = store.compiled[pattern] { return r }
        if store.invalid.contains(pattern) { return nil }
        if store.compiled.count + store.invalid.count >= limit {
            store.compiled.removeAll(keepingCapacity: true)
            store.invalid.removeAll(keepingCapacity: true)
        }
        guard let r = try? Regex(pattern).ignoresCase() else {
            store.invalid.insert(pattern)
            return nil
        }
        store.compiled[pattern] = r
        return r
    }

    /// Patterns cached on this thread (tests).
    static var cachedOnThisThread: Int { store.compiled.count + store.invalid.count }
}
