/// ANSI colour, only on a terminal and never with NO_COLOR set.
public struct Style: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static func forTerminal(isTTY: Bool, environment: [String: String] = ProcessEnvironment.current) -> Style {
        Style(enabled: isTTY && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb")
    }

    func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ t: String) -> String { wrap(t, "1") }
    public func dim(_ t: String) -> String { wrap(t, "2") }
    public func red(_ t: String) -> String { wrap(t, "31") }
    public func green(_ t: String) -> String { wrap(t, "32") }
    public func yellow(_ t: String) -> String { wrap(t, "33") }
    func cyan(_ t: String) -> String { wrap(t, "36") }

    func verdict(_ v: Verdict) -> String {
        switch v {
        case .ok: green(bold(v.rawValue))
        case .warning: yellow(bold(v.rawValue))
        case .critical: red(bold(v.rawValue))
        case .unknown: bold(v.rawValue)
        }
    }
}
