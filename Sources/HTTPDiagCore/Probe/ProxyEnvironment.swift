/// The proxy libcurl will take from the environment for a URL, following curl's rules:
/// `<scheme>_proxy` (lower case first; `HTTP_PROXY` upper case is ignored for http, as
/// curl does), then `all_proxy`, unless `no_proxy` matches the host.
enum ProxyEnvironment {
    /// Read once: the environment does not change during a run, and a fleet asks per probe.
    static let processEnvironment = ProcessInfo.processInfo.environment

    static func proxy(for target: TargetURL, environment: [String: String] = processEnvironment) -> String? {
        func value(_ name: String) -> String? {
            let v = environment[name] ?? (name == "http_proxy" ? nil : environment[name.uppercased()])
            return (v?.isEmpty ?? true) ? nil : v
        }
        guard let proxy = value("\(target.scheme)_proxy") ?? value("all_proxy") else { return nil }
        if let noProxy = value("no_proxy") {
            let host = target.host.lowercased()
            for entry in noProxy.split(separator: ",").map({ String($0).trimmedSpaces().lowercased() }) {
                if entry == "*" { return nil }
                let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
                if host == suffix || host.hasSuffix("." + suffix) { return nil }
            }
        }
        return proxy
    }
}
