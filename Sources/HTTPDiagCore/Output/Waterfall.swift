/// The timing waterfall as httpstat draws it: one row per phase, bars offset by start.
public enum Waterfall {
    public static let labels = [
        "dns": "DNS lookup", "connect": "TCP connect", "tls": "TLS handshake",
        "send": "Request sent", "wait": "Server processing", "transfer": "Content transfer",
    ]

    static func render(_ t: Timings, style: Style, width: Int = 40) -> [String] {
        let phases = t.phases
        let total = max(phases.reduce(0) { $0 + $1.ms }, 0.001)
        var lines: [String] = []
        var offset = 0.0
        for (name, ms) in phases {
            let start = Int((offset / total * Double(width)).rounded(.down))
            let length = ms <= 0 ? 0 : max(1, Int((ms / total * Double(width)).rounded()))
            let bar = String(repeating: " ", count: min(start, width)) + String(repeating: "█", count: min(length, max(width - start, 1)))
            lines.append("  " + pad(labels[name] ?? name, 18) + leftPad(Format.ms(ms), 11) + "  " + style.cyan(bar))
            offset += ms
        }
        lines.append(
            "  " + pad("Total", 18) + leftPad(Format.ms(t.totalMs), 11)
                + (t.redirectMs > 0 ? style.dim("  (\(Format.ms(t.redirectMs)) in redirects)") : "")
        )
        return lines
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func leftPad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}

public enum Format {
    /// `12.345 ms`, three decimals below 100 ms, one above.
    public static func ms(_ value: Double) -> String {
        value < 100 ? fixed(value, 3) + " ms" : fixed(value, 1) + " ms"
    }

    /// Fixed-point text without Foundation's String(format:).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let scaled = (abs(value) * p).rounded()
        let whole = Int(scaled / p)
        let fraction = Int(scaled - Double(whole) * p)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let f = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - f.count) + f
    }

    static func seconds(_ ms: Double) -> String { fixed(ms / 1000, 6) + "s" }

    public static func date(_ d: Date?) -> String {
        guard let d else { return "?" }
        return d.formatted(.iso8601)
    }
}
