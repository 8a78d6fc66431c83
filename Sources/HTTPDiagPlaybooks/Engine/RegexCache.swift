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
    static func containsAny(_ literals: [[UInt8]], _ text: String) -> Bool {
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

/// A literal prefilter for a regex (matched case-insensitively): literals one of which
/// every match contains, so a text that holds none of them cannot match and the regex is
/// neither compiled nor run. Per alternative the most selective requirement is taken: a
/// run of plain characters, or a group (`(...)`, `(?:...)`, named) that is not optional
/// and whose every alternative has a requirement of its own (`^(SSH-|220 |RFB )` needs
/// one of three). Conservative: any construct it does not understand (`(?x)`, `\Q`,
/// Unicode escapes, nested classes, an alternative without a literal) gives no prefilter,
/// and the regex decides alone. `\n` and `\r` end a run: a `\r\n` in the text is one
/// character to the regex.
enum RequiredLiterals {
    static func of(_ pattern: String) -> [[UInt8]]? {
        var parser = Parser(p: Array(pattern.utf8))
        let required = parser.alternation()
        guard !parser.failed, parser.i == parser.p.count else { return nil }
        return required
    }

    private struct Parser {
        let p: [UInt8]
        var i = 0
        var failed = false

        /// Alternatives up to `)` or the end: the union of their requirements, nil when
        /// one has none.
        mutating func alternation() -> [[UInt8]]? {
            var union: [[UInt8]] = []
            var everyOne = true
            while true {
                if let required = sequence() { union += required } else { everyOne = false }
                if failed { return nil }
                guard i < p.count, p[i] == UInt8(ascii: "|") else { break }
                i += 1
            }
            return everyOne && !union.isEmpty ? union : nil
        }

        /// One alternative: its most selective requirement (the longest shortest literal).
        mutating func sequence() -> [[UInt8]]? {
            var best: [[UInt8]]?
            var run: [UInt8] = []
            func consider(_ candidate: [[UInt8]]) {
                guard let shortest = candidate.map(\.count).min(), shortest > 0 else { return }
                if let best, (best.map(\.count).min() ?? 0) >= shortest { return }
                best = candidate
            }
            func endRun() {
                if !run.isEmpty { consider([run]) }
                run = []
            }
            /// A character (or escaped punctuation) at `i` of width `width`: in the run unless
            /// a quantifier makes it optional.
            func literal(_ c: UInt8, width: Int) {
                let next = i + width
                if optional(at: next) {
                    endRun()
                } else if next < p.count, p[next] == UInt8(ascii: "+") {
                    run.append(lower(c))
                    endRun()
                } else {
                    run.append(lower(c))
                }
                i = next
            }
            while i < p.count {
                let c = p[i]
                if c == UInt8(ascii: "|") || c == UInt8(ascii: ")") { break }
                if c >= 0x80 || c < 0x20 || c == 0x7F { return fail() }
                switch c {
                case UInt8(ascii: "\\"):
                    guard i + 1 < p.count else { return fail() }
                    let e = p[i + 1]
                    if isPunctuation(e) {
                        literal(e, width: 2)
                    } else if "bBdDsSwWnrt".utf8.contains(e) {
                        endRun()
                        i += 2
                    } else {
                        return fail()
                    }
                case UInt8(ascii: "["):
                    // Skip the class: `]` right after `[` or `[^` is a member; a nested `[` is not handled.
                    var j = i + 1
                    if j < p.count && p[j] == UInt8(ascii: "^") { j += 1 }
                    if j < p.count && p[j] == UInt8(ascii: "]") { j += 1 }
                    while j < p.count && p[j] != UInt8(ascii: "]") {
                        if p[j] == UInt8(ascii: "[") || p[j] >= 0x80 { return fail() }
                        j += p[j] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard j < p.count else { return fail() }
                    endRun()
                    i = j + 1
                case UInt8(ascii: "{"):
                    // A quantifier's bounds are not literals (`{` without its `}`: no prefilter).
                    guard let close = p[(i + 1)...].firstIndex(of: UInt8(ascii: "}")) else { return fail() }
                    endRun()
                    i = close + 1
                case UInt8(ascii: "("):
                    endRun()
                    guard let kind = groupKind() else { return fail() }
                    if kind == .options { continue }
                    let inner = alternation()
                    if failed { return nil }
                    guard i < p.count, p[i] == UInt8(ascii: ")") else { return fail() }
                    i += 1
                    if kind == .group, !optional(at: i), let inner { consider(inner) }
                case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                    UInt8(ascii: "?"), UInt8(ascii: "}"):
                    endRun()
                    i += 1
                default:
                    literal(c, width: 1)
                }
            }
            endRun()
            return best
        }

        /// Whether a quantifier at `j` can make what precedes it absent (`?`, `*`, or any
        /// `{...}`: bounds are not read, so `{2}` counts as optional too).
        func optional(at j: Int) -> Bool {
            j < p.count && (p[j] == UInt8(ascii: "?") || p[j] == UInt8(ascii: "*") || p[j] == UInt8(ascii: "{"))
        }

        enum GroupKind { case group, lookaround, options }

        /// At `(`: moves past the group's opening and says what it is; nil for a construct
        /// not understood.
        mutating func groupKind() -> GroupKind? {
            i += 1
            guard i < p.count, p[i] == UInt8(ascii: "?") else { return .group }
            i += 1
            guard i < p.count else { return nil }
            let c = p[i]
            switch c {
            case UInt8(ascii: ":"):
                i += 1
                return .group
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                i += 1
                return .lookaround
            case UInt8(ascii: "<"):
                guard i + 1 < p.count else { return nil }
                if p[i + 1] == UInt8(ascii: "=") || p[i + 1] == UInt8(ascii: "!") {
                    i += 2
                    return .lookaround
                }
                return name(closedBy: UInt8(ascii: ">"))
            case UInt8(ascii: "P"):
                i += 1
                guard i < p.count, p[i] == UInt8(ascii: "<") else { return nil }
                return name(closedBy: UInt8(ascii: ">"))
            case UInt8(ascii: "'"):
                return name(closedBy: UInt8(ascii: "'"))
            default:
                // Inline options: `(?i)`, `(?-s)`, `(?i:...)`. Matching ignores case anyway;
                // `s`, `m` and `n` do not change what a literal is; anything else (`x`) does.
                var j = i
                while j < p.count, "imsn-".utf8.contains(p[j]) { j += 1 }
                guard j < p.count, j > i else { return nil }
                if p[j] == UInt8(ascii: ")") {
                    i = j + 1
                    return .options
                }
                guard p[j] == UInt8(ascii: ":") else { return nil }
                i = j + 1
                return .group
            }
        }

        /// A named group's name, from its opening delimiter at `i`.
        mutating func name(closedBy close: UInt8) -> GroupKind? {
            guard let end = p[(i + 1)...].firstIndex(of: close), end > i + 1 else { return nil }
            guard p[(i + 1)..<end].allSatisfy({ isWordCharacter($0) }) else { return nil }
            i = end + 1
            return .group
        }

        mutating func fail() -> [[UInt8]]? {
            failed = true
            return nil
        }
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c }

    static func isWordCharacter(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    }

    static func isPunctuation(_ c: UInt8) -> Bool {
        c >= 0x21 && c < 0x7F && !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) && !(c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            && !(c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    }
}
