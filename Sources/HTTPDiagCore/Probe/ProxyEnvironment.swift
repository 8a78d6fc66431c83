/// The proxy libcurl will take from the environment for a URL, following curl's rules:
/// `<scheme>_proxy` (lower case first; `HTTP_PROXY` upper case is ignored for http, as
/// curl does), then `all_proxy`, unless `no_proxy` matches the host.
enum ProxyEnvironment {
    static func proxy(for target: TargetURL, environment: [String: String] = ProcessEnvironment.current) -> String? {
        proxy(for: target, explicit: nil, noProxy: nil, environment: environment)
    }

    /// The proxy of a check: `-x` (`explicit`, empty = none) instead of the environment's,
    /// `--noproxy` (`noProxy`) instead of `no_proxy`, as curl gives them precedence.
    static func proxy(for target: TargetURL, options: ProbeOptions, environment: [String: String] = ProcessEnvironment.current) -> String? {
        proxy(for: target, explicit: options.proxy, noProxy: options.noProxy, environment: environment)
    }

    static func proxy(for target: TargetURL, explicit: String?, noProxy: String?, environment: [String: String]) -> String? {
        func value(_ name: String) -> String? {
            let v = environment[name] ?? (name == "http_proxy" ? nil : environment[name.uppercased()])
            return (v?.isEmpty ?? true) ? nil : v
        }
        let chosen = explicit.map { $0.isEmpty ? nil : $0 } ?? value("\(target.scheme)_proxy") ?? value("all_proxy")
        guard let proxy = chosen else { return nil }
        if let list = noProxy ?? value("no_proxy"), bypasses(target.host, list) { return nil }
        return proxy
    }

    /// curl's no-proxy list: `*`, host names (a name matches itself and its subdomains, a
    /// leading dot is the same), IP addresses (exactly; brackets optional for IPv6).
    static func bypasses(_ host: String, _ list: String) -> Bool {
        let host = host.lowercased().trimmingBrackets()
        for entry in list.split(separator: ",").map({ String($0).trimmedSpaces().lowercased().trimmingBrackets() }) where !entry.isEmpty {
            if entry == "*" { return true }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == suffix || (!IPAddress.isLiteral(host) && host.hasSuffix("." + suffix)) { return true }
        }
        return false
    }
}
