/// Any JSON value, for reading documents whose shape is not known in advance
/// (request bodies to redact, JWT claims).
public enum JSONValue: Codable, Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Calls `body(key, value)` for every string or number under an object key, recursively.
    func visitStrings(_ body: (String, String) -> Void) {
        switch self {
        case .object(let o):
            for (k, v) in o {
                switch v {
                case .string(let s): body(k, s)
                case .number(let n): body(k, n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))
                default: v.visitStrings(body)
                }
            }
        case .array(let a): for v in a { v.visitStrings(body) }
        default: break
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
}
