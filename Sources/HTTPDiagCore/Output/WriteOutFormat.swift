/// `-w FORMAT` as curl writes it out: `%{variable}` replaced by a value of the exchange,
/// `%header{name}` by a response header, `%%` by `%`, the escapes `\n`, `\r` and `\t`;
/// other text as is (`\\` stays two backslashes, as curl leaves it). The values describe the probe the curl-like outputs describe
/// (`CheckReport.exchangeProbe`: the first of the worst probes). An unknown variable is
/// written as nothing and named in a warning, as curl does (`curl: unknown --write-out
/// variable: 'x'`). Times are seconds with six decimals, cumulative from the start of the
/// transfer as curl's are; after redirects they include the redirect hops' time.
/// What this renders is not redacted: it goes out through `OutputBoundary.pass`.
public struct WriteOutFormat: Sendable, Equatable {
    public let format: String

    public init(_ format: String) { self.format = format }

    /// The variables this renderer knows (curl's names), in `%{json}` order.
    public static let variables = [
        "content_type", "errormsg", "exitcode", "http_code", "http_version", "method", "num_redirects",
        "remote_ip", "remote_port", "response_code", "scheme", "size_download", "speed_download",
        "ssl_verify_result", "time_appconnect", "time_connect", "time_namelookup", "time_pretransfer",
        "time_redirect", "time_starttransfer", "time_total", "url", "url_effective",
    ]

    public struct Output: Sendable, Equatable {
        public var text: String
        /// One line per unknown variable, curl's wording.
        public var warnings: [String]
    }

    public func render(_ report: CheckReport) -> Output {
        let values = Self.values(report)
        var out = ""
        var warnings: [String] = []
        let chars = Array(format)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                switch chars[i + 1] {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                default: out.append(contentsOf: [c, chars[i + 1]])
                }
                i += 2
                continue
            }
            guard c == "%", i + 1 < chars.count else {
                out.append(c)
                i += 1
                continue
            }
            if chars[i + 1] == "%" {
                out.append("%")
                i += 2
                continue
            }
            if let (name, end) = Self.braced(chars, from: i + 1, prefix: "{") {
                i = end
                if name == "json" {
                    out += Self.json(values)
                } else if let value = values[name] {
                    out += value
                } else {
                    warnings.append("unknown --write-out variable: '\(name)'")
                }
                continue
            }
            if let (name, end) = Self.braced(chars, from: i + 1, prefix: "header{") {
                i = end
                out += report.exchangeProbe?.response?.headers.all(name).joined(separator: ", ") ?? ""
                continue
            }
            out.append(c)
            i += 1
        }
        return Output(text: out, warnings: warnings)
    }

    /// `prefix` then a name up to `}` at `start`: the name and the index after `}`.
    private static func braced(_ chars: [Character], from start: Int, prefix: String) -> (String, Int)? {
        let p = Array(prefix)
        guard start + p.count <= chars.count, Array(chars[start..<start + p.count]) == p else { return nil }
        guard let close = chars[(start + p.count)...].firstIndex(of: "}") else { return nil }
        return (String(chars[(start + p.count)..<close]), close + 1)
    }

    /// The value of every known variable for `report`, as curl formats it.
    public static func values(_ report: CheckReport) -> [String: String] {
        let probe = report.exchangeProbe
        let response = probe?.response
        let t = probe?.timings ?? Timings()
        let redirect = t.redirectMs
        func seconds(_ ms: Double) -> String { String(format: "%.6f", ms / 1000) }
        // Cumulative from the start of the final hop, plus the redirects before it; a phase
        // never reached reads 0, as libcurl's counters do.
        func cumulative(_ ms: Double, reached: Bool) -> String { seconds(reached ? ms + redirect : 0) }
        let connectDone = t.dnsMs + t.connectMs
        let secured = connectDone + t.tlsMs
        let status = response?.status ?? 0
        let connected = response != nil || probe?.tls != nil
        let connectedTo = connected ? (response?.remoteAddress ?? probe?.address) : nil
        var v: [String: String] = [
            "content_type": response?.contentType ?? "",
            "errormsg": probe?.error.map { $0.kind == .httpStatus ? "" : $0.message } ?? "",
            "exitcode": String(probe?.error.map { $0.kind == .httpStatus ? 0 : $0.curlCode } ?? 0),
            "http_code": String(format: "%03d", status),
            "http_version": Self.httpVersion(response?.httpVersion),
            "method": probe?.request.method ?? report.target.method,
            "num_redirects": String(probe?.redirects.count ?? 0),
            // As curl: only a connection made has a remote address (a refused connect has none).
            "remote_ip": connectedTo ?? "",
            "remote_port": connectedTo == nil ? "0" : String(response?.remotePort ?? probe?.port ?? 0),
            "scheme": URLParts(probe?.request.url ?? report.target.url).scheme.uppercased(),
            "size_download": String(response?.bodySize ?? 0),
            "speed_download": t.totalMs > 0 ? String(Int(Double(response?.bodySize ?? 0) / (t.totalMs / 1000))) : "0",
            "ssl_verify_result": String(probe?.tls?.verifyResult ?? 0),
            "time_namelookup": cumulative(t.dnsMs, reached: t.dnsMs > 0 || connectDone > 0),
            "time_connect": cumulative(connectDone, reached: t.connectMs > 0),
            "time_appconnect": cumulative(secured, reached: t.tlsMs > 0),
            "time_pretransfer": cumulative(secured + t.sendMs, reached: t.firstByteMs > 0 || t.sendMs > 0),
            "time_redirect": seconds(redirect),
            "time_starttransfer": cumulative(t.firstByteMs, reached: t.firstByteMs > 0),
            "time_total": seconds(t.totalMs),
            "url": report.target.url,
            "url_effective": probe?.request.url ?? report.target.url,
        ]
        v["response_code"] = v["http_code"]
        return v
    }

    /// curl's `%{http_version}`: `1` (HTTP/1.0), `1.1`, `2`, `3`, or `0` when no response came.
    static func httpVersion(_ version: String?) -> String {
        guard let version, version.hasPrefix("HTTP/") else { return "0" }
        switch String(version.dropFirst(5)) {
        case "1.0": return "1"
        case "1.1": return "1.1"
        case "2", "2.0": return "2"
        case "3", "3.0": return "3"
        default: return "0"
        }
    }

    /// `%{json}`: every variable as a JSON object (numbers as numbers, as curl writes them).
    static func json(_ values: [String: String]) -> String {
        let numeric: Set<String> = [
            "exitcode", "http_code", "num_redirects", "remote_port", "response_code", "size_download",
            "speed_download", "ssl_verify_result",
        ]
        let fields = variables.map { name -> String in
            let value = values[name] ?? ""
            if numeric.contains(name) || name.hasPrefix("time_") {
                return "\"\(name)\":\(Int(value).map(String.init) ?? (Double(value) != nil ? value : "0"))"
            }
            return "\"\(name)\":\(JSONString.quote(value))"
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// A JSON string literal.
enum JSONString {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension CheckReport {
    /// The probe the curl-like outputs (`-w`, `-v`, `-o`) describe: the first of the worst
    /// probes (the one a failure is diagnosed from), or the first probe.
    public var exchangeProbe: ProbeResult? {
        guard let worst = probes.map(\.verdict).max() else { return nil }
        return probes.first { $0.verdict == worst }
    }

    /// Its index in `probes`.
    public var exchangeProbeIndex: Int? {
        guard let worst = probes.map(\.verdict).max() else { return nil }
        return probes.firstIndex { $0.verdict == worst }
    }
}
