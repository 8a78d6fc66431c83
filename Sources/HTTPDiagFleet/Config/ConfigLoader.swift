import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks
import Yams

/// Reads and validates a fleet config. Errors name the file, the JSON path and the
/// line, and say what was expected; unknown keys are errors with a did-you-mean.
/// The accepted keys are the ones of docs/config.schema.json (a test keeps them equal).
public enum ConfigLoader {
    public static let topKeys = ["$schema", "defaults", "endpoints"]
    public static let endpointKeys = [
        "name", "url", "method", "headers", "body", "expect", "health_path", "samples",
        "timeout_s", "connect_timeout_s", "tls", "dns_server", "tags", "followups",
    ]
    public static let defaultsKeys = endpointKeys.filter { $0 != "name" && $0 != "url" }
    public static let expectKeys = ["status", "body_contains", "body_matches", "headers", "max_latency_ms"]
    public static let tlsKeys = ["client_cert", "client_key", "ca", "insecure", "cert_warn_days"]
    /// The longest endpoint name, in UTF-8 bytes.
    public static let maxNameBytes = 128

    /// `only` (endpoint names or `tag:T`, as `--only`): the other endpoints are not
    /// evaluated (no `${NAME}` read, no file checked); empty: all. An endpoint whose
    /// `${NAME}` is not set is disabled (`EndpointConfig.disabled`), not the fleet; when
    /// every selected endpoint is, that is the error. A `.yaml`/`.yml` file is read as
    /// YAML with the same schema and the same located errors; anything else as JSON.
    public static func load(
        file: String,
        environment: [String: String] = ProcessEnvironment.current,
        only: [String] = []
    ) throws -> FleetConfig {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(file: file, path: nil, line: nil, message: "cannot read the file")
        }
        // JSON syntax first (YAML would accept more than JSON). JSONDecoder checks it in a
        // compact form (41 MB for a 100,000-endpoint file, where JSONSerialization's tree
        // took 322 MB and was the run's peak); JSONSerialization only says where it failed.
        struct Anything: Decodable { init(from decoder: Decoder) throws {} }
        let isYAML = [".yaml", ".yml"].contains { file.lowercased().hasSuffix($0) }
        let syntax = isYAML ? "invalid YAML: " : "invalid JSON: "
        if !isYAML, (try? JSONDecoder().decode(Anything.self, from: data)) == nil {
            do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                // Foundation names a character offset ("around character 36"): turn it into a line.
                let text = Self.jsonReason(error)
                let offset = text.firstRange(of: "character ").flatMap { r in Int(text[r.upperBound...].prefix { $0.isNumber }) }
                let line = offset.map { o in data.prefix(o).filter { $0 == UInt8(ascii: "\n") }.count + 1 }
                throw ConfigError(file: file, path: nil, line: line, message: "invalid JSON: " + Self.jsonReason(error))
            }
        }
        var reader = ConfigReader(file: file, environment: environment)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else {
                throw ConfigError(file: file, path: nil, line: 1, message: "the file is empty")
            }
            root = node
        } catch let e as ConfigError { throw e } catch let e as YamlError {
            // Duplicate keys and the like: Yams's own message, first line only, with its line.
            var line: Int?
            switch e {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): line = mark.line
            default: line = nil
            }
            let text = "\(e)".split(separator: "\n").first.map(String.init) ?? "\(e)"
            throw ConfigError(file: file, path: nil, line: line, message: syntax + text)
        } catch {
            throw ConfigError(
                file: file,
                path: nil,
                line: nil,
                message: syntax + ("\(error)".split(separator: "\n").first.map(String.init) ?? "")
            )
        }
        let top = try reader.object(root, path: "$", allowed: topKeys, required: ["endpoints"])
        let defaults = try top["defaults"].map { try reader.object($0, path: "defaults", allowed: defaultsKeys) } ?? [:]
        guard let list = top["endpoints"], case .sequence(let seq) = list else {
            throw reader.fail(top["endpoints"], "endpoints", "expected an array of endpoints")
        }
        guard !seq.isEmpty else { throw reader.fail(list, "endpoints", "expected at least one endpoint") }
        var names = Set<String>()
        var endpoints: [EndpointConfig] = []
        var disabledErrors: [ConfigError] = []
        for (i, node) in seq.enumerated() {
            let path = "endpoints[\(i)]"
            let unset = UnsetVariables()
            reader.unset = unset
            if !only.isEmpty, case .mapping(let m) = node {
                // --only: an endpoint not selected is not evaluated (by its name and tags).
                let name = m[Node("name")]?.string
                let tags = m[Node("tags")]?.sequence?.compactMap(\.string) ?? defaults["tags"]?.sequence?.compactMap(\.string) ?? []
                let selected = only.contains { sel in sel.hasPrefix("tag:") ? tags.contains(String(sel.dropFirst(4))) : name == sel }
                if !selected { continue }
            }
            let e = try reader.object(node, path: path, allowed: endpointKeys, required: ["name", "url"])
            func value(_ key: String) -> (Node, String)? {
                if let n = e[key] { return (n, "\(path).\(key)") }
                if let n = defaults[key] { return (n, "defaults.\(key)") }
                return nil
            }
            let name = try reader.string(e["name"]!, path: "\(path).name")
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw reader.fail(e["name"], "\(path).name", "expected a name of letters, digits, '-', '_' or '.'")
            }
            // Names become file names (NAME-incident-ID.md under --report-dir): bounded well
            // below NAME_MAX (255 bytes) and never a hidden file.
            guard name.utf8.count <= Self.maxNameBytes else {
                throw reader.fail(
                    e["name"],
                    "\(path).name",
                    "expected a name of at most \(Self.maxNameBytes) bytes (it becomes the file name of "
                        + "its incident reports, NAME-incident-ID.md), got \(name.utf8.count) bytes"
                )
            }
            guard !name.hasPrefix(".") else {
                throw reader.fail(e["name"], "\(path).name", "expected a name that does not start with '.' (it becomes a file name)")
            }
            guard names.insert(name).inserted else { throw reader.fail(e["name"], "\(path).name", "duplicate endpoint name '\(name)'") }
            let url = try reader.string(e["url"]!, path: "\(path).url", expand: true)
            if unset.errors.isEmpty {
                do { _ = try TargetURL(url) } catch let error as InputError {
                    throw reader.fail(e["url"], "\(path).url", error.message)
                }
            }
            var endpoint = EndpointConfig(name: name, url: url)
            if let (n, p) = value("method") { endpoint.method = try reader.string(n, path: p) }
            var headers: [String: String] = [:]
            for source in [defaults["headers"].map { ($0, "defaults.headers") }, e["headers"].map { ($0, "\(path).headers") }].compactMap({ $0 }) {
                let h = try reader.object(source.0, path: source.1, allowed: nil)
                for (k, v) in h { headers[k] = try reader.string(v, path: "\(source.1).\(k)", expand: true) }
            }
            endpoint.headers = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            if let (n, p) = value("body") { endpoint.body = try reader.string(n, path: p, expand: true) }
            if let (n, p) = value("health_path") { endpoint.healthPath = try reader.string(n, path: p) }
            if let (n, p) = value("samples") { endpoint.samples = try reader.int(n, path: p, range: 1...100) }
            if let (n, p) = value("timeout_s") { endpoint.timeoutMs = Int(try reader.number(n, path: p, range: 0.001...3600) * 1000) }
            if let (n, p) = value("connect_timeout_s") { endpoint.connectTimeoutMs = Int(try reader.number(n, path: p, range: 0.001...3600) * 1000) }
            if let (n, p) = value("dns_server") {
                do { endpoint.dnsServer = try DNSServer(parsing: try reader.string(n, path: p), field: nil) } catch let error as InputError {
                    throw reader.fail(n, p, error.message)
                }
            }
            if let (n, p) = value("tags") { endpoint.tags = try reader.strings(n, path: p) }
            if let (n, p) = value("followups") { endpoint.followups = try reader.bool(n, path: p) }
            if let (n, p) = value("tls") {
                let t = try reader.object(n, path: p, allowed: tlsKeys)
                if let c = t["client_cert"] { endpoint.tls.clientCert = try reader.file(c, path: "\(p).client_cert") }
                if let c = t["client_key"] { endpoint.tls.clientKey = try reader.file(c, path: "\(p).client_key") }
                if let c = t["ca"] { endpoint.tls.caFile = try reader.file(c, path: "\(p).ca") }
                if let c = t["insecure"] { endpoint.tls.insecure = try reader.bool(c, path: "\(p).insecure") }
                if let c = t["cert_warn_days"] { endpoint.certWarnDays = try reader.int(c, path: "\(p).cert_warn_days", range: 0...3650) }
            }
            if let (n, p) = value("expect") {
                let x = try reader.object(n, path: p, allowed: expectKeys)
                if let s = x["status"] {
                    guard case .sequence(let codes) = s else { throw reader.fail(s, "\(p).status", "expected an array of status codes") }
                    endpoint.expect.status = try codes.enumerated().map { try reader.int($1, path: "\(p).status[\($0)]", range: 100...599) }
                }
                if let b = x["body_contains"] { endpoint.expect.bodyContains = try reader.string(b, path: "\(p).body_contains") }
                if let b = x["body_matches"] {
                    let pattern = try reader.string(b, path: "\(p).body_matches")
                    do { _ = try Regex(pattern) } catch { throw reader.fail(b, "\(p).body_matches", "invalid regular expression /\(pattern)/") }
                    endpoint.expect.bodyMatches = pattern
                }
                if let h = x["headers"] {
                    for (k, v) in try reader.object(h, path: "\(p).headers", allowed: nil) {
                        endpoint.expect.headers[k] = try reader.string(v, path: "\(p).headers.\(k)")
                    }
                }
                if let m = x["max_latency_ms"] {
                    endpoint.expect.maxLatencyMs = try reader.number(m, path: "\(p).max_latency_ms", range: 0...3_600_000)
                }
            }
            if let first = unset.errors.first {
                // Not probed: it reports UNKNOWN with the reason; the rest of the fleet runs.
                var field = ""
                if case .config(_, let p?, _, _) = first { field = p + ": " }
                endpoint.disabled = "not probed: " + field + first.message
                disabledErrors.append(first)
            }
            endpoints.append(endpoint)
        }
        if !endpoints.isEmpty, endpoints.allSatisfy({ $0.disabled != nil }), let first = disabledErrors.first { throw first }
        return FleetConfig(file: file, endpoints: endpoints)
    }

    static func jsonReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}
