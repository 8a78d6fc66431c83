import HTTPDiagCore

/// The condition language: a closed set of predicates over the evidence of a probe
/// (and the summary of all probes). No code, no loops: documented in docs/playbooks.md.
public indirect enum Condition: Sendable {
    /// The probe's failure kind is one of these (`http_status` for any status ≥ 400).
    case failure([String])
    /// The response status is one of these; `4xx`/`5xx` accepted as classes.
    case status([StatusPattern])
    /// A hop was identified: by name or by role (any of these); `generated: true` requires
    /// that it produced the response; `upstream` that its error page names one of these
    /// reasons for the failure of the hop behind it.
    case hop(HopTest)
    /// A response header (case-insensitive name).
    case header(name: String, test: ValueTest)
    /// A request header as sent.
    case requestHeader(name: String, test: ValueTest)
    /// The captured response body.
    case body(ValueTest)
    /// Any field of the probe's evidence by its JSON path (see docs/json-output.md),
    /// `[]` meaning "any element".
    case field(path: String, test: ValueTest)
    /// A fact about all probes together (see `SummaryFacts`).
    case summary(path: String, test: ValueTest)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    /// The same conditions, each list (top level, `all`, `any`) reordered so that those
    /// that can run a regex come last, otherwise in their order: whether they hold is the
    /// same in any order (they are pure), and the cheap ones usually decide.
    static func cheapFirst(_ conditions: [Condition]) -> [Condition] {
        let reordered = conditions.map(\.cheapFirst)
        return reordered.filter { !$0.runsRegex } + reordered.filter(\.runsRegex)
    }

    var cheapFirst: Condition {
        switch self {
        case .all(let c): .all(Self.cheapFirst(c))
        case .any(let c): .any(Self.cheapFirst(c))
        case .not(let inner): .not(inner.cheapFirst)
        default: self
        }
    }

    /// Whether evaluating it can run a regex (a `matches:` test somewhere inside).
    var runsRegex: Bool {
        switch self {
        case .failure, .status, .hop: false
        case .header(_, let t), .requestHeader(_, let t), .body(let t), .field(_, let t), .summary(_, let t): t.matches != nil
        case .all(let c), .any(let c): c.contains(where: \.runsRegex)
        case .not(let inner): inner.runsRegex
        }
    }

    var statuses: [Int] {
        switch self {
        case .status(let patterns): patterns.flatMap(\.codes)
        case .all(let c), .any(let c): c.flatMap(\.statuses)
        default: []
        }
    }
}

public struct HopTest: Sendable {
    public var name: String?
    public var roles: [String]?
    public var generated: Bool?
    public var upstream: [String]?

    func holds(for hop: Hop) -> Bool {
        if let name, hop.name != name { return false }
        if let roles, !roles.contains(hop.role ?? "") { return false }
        if let generated, hop.generatedResponse != generated { return false }
        if let upstream, !upstream.contains(hop.upstream ?? "") { return false }
        return true
    }

    var description: String {
        var s = name.map { "hop \($0)" } ?? "a hop of role \(roles?.joined(separator: " or ") ?? "any")"
        if generated == true { s += " generated the response" } else if generated == false { s += " passed the response through" }
        if let upstream { s += " saying its upstream: \(upstream.joined(separator: " or "))" }
        return s
    }
}

public enum StatusPattern: Sendable, Equatable {
    case code(Int)
    case klass(Int)  // 4 for 4xx

    func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let c): c == status
        case .klass(let k): status / 100 == k
        }
    }

    var codes: [Int] { if case .code(let c) = self { [c] } else { [] } }
}

/// A test on one value. Several keys combine with "and".
public struct ValueTest: Sendable {
    public var exists: Bool?
    public var equals: JSONValue?
    public var oneOf: [JSONValue]?
    public var matches: String?
    public var contains: String?
    public var gt: Double?
    public var gte: Double?
    public var lt: Double?
    public var lte: Double?

    static let keys = ["exists", "equals", "in", "matches", "contains", "gt", "gte", "lt", "lte"]

    /// True when `value` (nil = absent) passes every given test.
    func passes(_ value: JSONValue?) -> Bool {
        let present = value != nil && value != .null
        if let exists {
            if present != exists { return false }
            if !present { return true }
        }
        guard present, let value else { return false }
        if let equals, !Self.equal(value, equals) { return false }
        if let oneOf, !oneOf.contains(where: { Self.equal(value, $0) }) { return false }
        if let matches { guard let s = value.text, RegexCache.matches(matches, s) else { return false } }
        if let contains { guard let s = value.text, s.containsText(contains) else { return false } }
        // Numeric tests also read numeric text (header values such as Age or Retry-After).
        let number = value.numberValue ?? value.text.flatMap { Double($0.trimmedSpaces()) }
        if let gt { guard let n = number, n > gt else { return false } }
        if let gte { guard let n = number, n >= gte else { return false } }
        if let lt { guard let n = number, n < lt else { return false } }
        if let lte { guard let n = number, n <= lte else { return false } }
        return true
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .string(let y)), (.string(let y), .number(let x)): Double(y) == x
        default: a == b
        }
    }

    /// Human text of the test, for evidence lines.
    var description: String {
        var parts: [String] = []
        if let exists { parts.append(exists ? "present" : "absent") }
        if let equals { parts.append("= \(equals.text ?? "\(equals)")") }
        if let oneOf { parts.append("in [\(oneOf.compactMap(\.text).joined(separator: ", "))]") }
        if let matches { parts.append("matches /\(matches)/") }
        if let contains { parts.append("contains \"\(contains)\"") }
        if let gt { parts.append("> \(gt)") }
        if let gte { parts.append("≥ \(gte)") }
        if let lt { parts.append("< \(lt)") }
        if let lte { parts.append("≤ \(lte)") }
        return parts.joined(separator: " and ")
    }
}

extension JSONValue {
    /// Strings as they are; numbers and booleans as text (so regexes work on them).
    var text: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): String(b)
        default: nil
        }
    }
}
