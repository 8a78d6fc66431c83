import Synchronization

/// Compiled case-insensitive regexes, shared: playbooks reuse the same patterns on every
/// probe of a fleet run. `Regex` is not Sendable, so compiling and matching happen under
/// one lock (matching a few kilobytes is microseconds).
enum RegexCache {
    private final class Store: @unchecked Sendable { var compiled: [String: Regex<AnyRegexOutput>] = [:] }
    private static let store = Store()
    private static let lock = Mutex<Void>(())

    /// Throws when the pattern is not a valid regex (the playbook linter reports it).
    static func validate(_ pattern: String) throws {
        _ = try Regex(pattern)
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        firstMatch(pattern, text) != nil
    }

    static func firstMatch(_ pattern: String, _ text: String) -> String? {
        lock.withLock { _ -> String? in
            let regex: Regex<AnyRegexOutput>
            if let r = store.compiled[pattern] {
                regex = r
            } else {
                guard let r = try? Regex(pattern).ignoresCase() else { return nil }
                store.compiled[pattern] = r
                regex = r
            }
            guard let m = try? regex.firstMatch(in: text) else { return nil }
            return String(text[m.range])
        }
    }
}
