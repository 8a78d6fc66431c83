/// The URLs a probe's redirects visited: whether they loop, and the words for a failure
/// that happened after them.
enum RedirectChain {
    /// A URL as a client would consider it the same: scheme and host case-folded, the
    /// default port dropped, the fragment (never sent) ignored.
    static func key(_ url: String) -> String {
        let e = RedirectPolicy.Endpoint(url)
        let parts = URLParts(url)
        let defaultPort = (e.scheme == "https" && e.port == 443) || (e.scheme == "http" && e.port == 80)
        let host = e.host.contains(":") ? "[\(e.host)]" : e.host
        return e.scheme + "://" + host + (defaultPort ? "" : ":\(e.port)") + (parts.path.isEmpty ? "/" : parts.path)
            + (parts.query.map { "?" + $0 } ?? "")
    }

    /// Why the redirects never settled: a loop (a URL came back) or a chain of distinct
    /// URLs longer than --max-redirs.
    static func describe(visited: [String], next: String, redactor: Redactor) -> String {
        let all = visited + [key(next)]
        var counts: [String: Int] = [:]
        for url in all { counts[url, default: 0] += 1 }
        if let repeated = all.first(where: { (counts[$0] ?? 0) > 1 }) {
            return "the redirects loop: \(redactor.url(repeated)) came up \(counts[repeated] ?? 0) times"
        }
        let hosts = Set(all.map { RedirectPolicy.Endpoint($0).host }).count
        return "a chain of \(all.count) distinct URLs on \(hosts) host\(hosts == 1 ? "" : "s"), none visited twice: "
            + "longer than the limit, not a loop"
    }

    /// ` after 2 redirects (last: 302 from http://a.example/x)`, for a failure on a later hop.
    static func context(_ hops: [RedirectHop]) -> String {
        guard let last = hops.last else { return "" }
        let count = hops.count == 1 ? "a redirect" : "\(hops.count) redirects"
        return "; after \(count) (\(last.status) from \(last.url))"
    }
}
