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
        /// Per pattern, the literals one of which any match contains (nil: none known).
        var literals: [String: [[UInt8]]?] = [:]
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
        // Before compiling: a pattern whose required literal the text lacks is never compiled
        // (most hop and playbook patterns, on most responses; compiling was a quarter of a
        // check's start-up). An invalid pattern is nil either way.
        if let literals = literals(pattern), !containsAny(literals, text) { return nil }
        guard let regex = compiled(pattern) else { return nil }
        guard let m = try? regex.firstMatch(in: text) else { return nil }
        return String(text[m.range])
    }

    /// The required literals of a pattern, extracted once per thread.
    private static func literals(_ pattern: String) -> [[UInt8]]? {
        let store = store
        if let known = store.literals[pattern] { return known }
        let literals = RequiredLiterals.of(pattern)
        store.literals[pattern] = literals
        return literals
    }

    /// Whether an ASCII `text` contains one of the literals (ASCII case folded). A
    /// non-ASCII text is not prefiltered: Unicode case folding can match an ASCII letter
    /// with another character (K, the Kelvin sign), so the regex decides.
    private static func containsAny(_ literals: [[UInt8]], _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { h in
            if h.contains(where: { $0 >= 0x80 }) { return true }
            return literals.contains { l in l.withUnsafeBufferPointer { String.findIgnoringASCIICase($0, in: h) } }
        }
    }

    /// Nil for an invalid pattern (a check skips validation for start-up time).
    static func compiled(_ pattern: String) -> Regex<AnyRegexOutput>? {
        let store = store
        if let r = store.compiled[pattern] { return r }
        if store.invalid.contains(pattern) { return nil }
        if store.compiled.count + store.invalid.count >= limit {
            store.compiled.removeAll(keepingCapacity: true)
            store.invalid.removeAll(keepingCapacity: true)
            store.literals.removeAll(keepingCapacity: true)
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

/// A literal prefilter for a regex (matched case-insensitively): per top-level branch the
/// longest run of plain characters every match of that branch contains, so a text that
/// holds none of them cannot match and the regex engine is not run. Conservative: any
/// construct it does not understand (options, `\Q`, Unicode escapes, nested classes, a
/// branch without a literal) gives no prefilter, and the regex decides alone.
enum RequiredLiterals {
    static func of(_ pattern: String) -> [[UInt8]]? {
        let p = Array(pattern.utf8)
        var branches: [[UInt8]] = []
        var best: [UInt8] = []
        var run: [UInt8] = []
        var depth = 0
        var i = 0
        func endRun() {
            if run.count > best.count { best = run }
            run = []
        }
        func isQuantifier(_ j: Int) -> Bool { j < p.count && (p[j] == UInt8(ascii: "?") || p[j] == UInt8(ascii: "*") || p[j] == UInt8(ascii: "{")) }
        while i < p.count {
            let c = p[i]
            if c >= 0x80 { return nil }
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                if isPunctuation(e) {
                    // An escaped punctuation mark is that character.
                    if depth == 0 {
                        if isQuantifier(i + 2) { endRun() } else { run.append(e) }
                    }
                } else if "bBdDsSwW".utf8.contains(e) {
                    if depth == 0 { endRun() }
                } else {
                    return nil
                }
                i += 2
                continue
            case UInt8(ascii: "["):
                // Skip the class: `]` right after `[` or `[^` is a member; a nested `[` is not handled.
                var j = i + 1
                if j < p.count && p[j] == UInt8(ascii: "^") { j += 1 }
                if j < p.count && p[j] == UInt8(ascii: "]") { j += 1 }
                while j < p.count && p[j] != UInt8(ascii: "]") {
                    if p[j] == UInt8(ascii: "[") || p[j] >= 0x80 { return nil }
                    j += p[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard j < p.count else { return nil }
                if depth == 0 { endRun() }
                i = j + 1
                continue
            case UInt8(ascii: "{"):
                // A quantifier's bounds are not literals (`{` without its `}`: no prefilter).
                guard let close = p[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                if depth == 0 { endRun() }
                i = close + 1
                continue
            case UInt8(ascii: "("):
                if i + 1 < p.count && p[i + 1] == UInt8(ascii: "?") { return nil }
                if depth == 0 { endRun() }
                depth += 1
            case UInt8(ascii: ")"):
                guard depth > 0 else { return nil }
                depth -= 1
            case UInt8(ascii: "|"):
                if depth == 0 {
                    endRun()
                    guard !best.isEmpty else { return nil }
                    branches.append(best)
                    best = []
                }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "?"), UInt8(ascii: "}"):
                if depth == 0 { endRun() }
            default:
                if c < 0x20 || c == 0x7F { return nil }
                if depth == 0 {
                    if isQuantifier(i + 1) { endRun() } else { run.append(lower(c)) }
                }
            }
            i += 1
        }
        guard depth == 0 else { return nil }
        endRun()
        guard !best.isEmpty else { return nil }
        branches.append(best)
        return branches
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c }

    static func isPunctuation(_ c: UInt8) -> Bool {
        c >= 0x21 && c < 0x7F && !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) && !(c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            && !(c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    }
}
