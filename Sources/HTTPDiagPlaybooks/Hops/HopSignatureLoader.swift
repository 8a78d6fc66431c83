import HTTPDiagCore
import Yams

/// Loads and validates `hops/*.yaml` beside the playbooks: one intermediary per file,
/// its signals, the cases that prove them. Errors name file and line.
public enum HopSignatureLoader {
    static let topKeys = ["name", "title", "role", "order", "source", "signals", "generated", "upstream_reasons", "cases"]
    static let signalKeys = ["header", "body", "cname"]

    /// Every `hops/*.yaml` under the directories; a later directory overrides a hop of the
    /// same name. Sorted outermost first.
    public static func load(directories: [String], strict: Bool = true) throws -> [HopSignature] {
        var byName: [String: HopSignature] = [:]
        var errors: [PlaybookError] = []
        for dir in directories {
            let hopDir = dir + "/hops"
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: hopDir) else { continue }
            for file in names.sorted() where file.hasSuffix(".yaml") {
                do {
                    let hop = try load(file: hopDir + "/" + file, strict: strict)
                    byName[hop.name] = hop
                } catch let e as PlaybookError { errors.append(e) } catch {
                    errors.append(PlaybookError(file: hopDir + "/" + file, line: nil, message: "\(error)"))
                }
            }
        }
        if !errors.isEmpty { throw PlaybookErrors(errors: errors) }
        return byName.values.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
    }

    public static func load(file path: String, strict: Bool = true) throws -> HopSignature {
        let data = try PlaybookFile.read(path)
        let reader = YAMLReader(file: path, strict: strict)
        let root = try reader.parse(String(decoding: data, as: UTF8.self))
        let e = try reader.entries(root, "hop signature", allowed: topKeys, required: ["name", "title", "role", "order", "source", "signals"])
        let name = try reader.string(e["name"], "name")
        let stem = (path.split(separator: "/").last.map(String.init) ?? path).replacingOccurrences(of: ".yaml", with: "")
        guard name == stem else { throw reader.fail(e["name"], "name '\(name)' must match the file name '\(stem).yaml'") }
        guard name != "origin", name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
            throw reader.fail(e["name"], "name must be lowercase letters, digits and '-' (and not 'origin')")
        }
        let role = try reader.string(e["role"], "role")
        guard HopSignature.roles.contains(role) else {
            throw reader.fail(
                e["role"],
                "unknown role '\(role)'\(Suggest.hint(role, in: HopSignature.roles)); one of \(HopSignature.roles.joined(separator: ", "))"
            )
        }
        let order = try reader.number(e["order"], "order")
        let source = try reader.strings(e["source"], "source")
        if source.isEmpty { throw reader.fail(e["source"], "source must name at least one document or source file") }
        guard let signalNodes = e["signals"]?.sequence, !signalNodes.isEmpty else {
            throw reader.fail(e["signals"], "signals must be a non-empty list")
        }
        let signals = try signalNodes.map { try signal($0, reader) }
        let generated = try (e["generated"]?.sequence ?? []).map { try signal($0, reader) }
        if let g = e["generated"], g.sequence == nil { throw reader.fail(g, "generated must be a list of signals") }
        var reasons: [HopSignature.UpstreamReason] = []
        for node in e["upstream_reasons"]?.sequence ?? [] {
            let r = try reader.entries(node, "upstream reason", allowed: signalKeys + ["means"], required: ["means"])
            let means = try reader.string(r["means"], "means")
            guard HopSignature.upstreamMeanings.contains(means) else {
                throw reader.fail(
                    r["means"],
                    "unknown meaning '\(means)'\(Suggest.hint(means, in: HopSignature.upstreamMeanings)); one of \(HopSignature.upstreamMeanings.joined(separator: ", "))"
                )
            }
            var rest = r
            rest["means"] = nil
            guard rest.count == 1, let (key, value) = rest.first else {
                throw reader.fail(node, "an upstream reason has one signal (header, body or cname) and means")
            }
            reasons.append(.init(signal: try signal(key: key, value: value, node: node, reader), means: means))
        }
        return HopSignature(
            name: name,
            title: try reader.string(e["title"], "title"),
            role: role,
            order: Int(order),
            signals: signals,
            generatedSignals: generated,
            upstreamReasons: reasons,
            source: source,
            file: path
        )
    }

    static func signal(_ node: Node, _ reader: YAMLReader) throws -> HopSignature.Signal {
        let e = try reader.entries(node, "signal", allowed: signalKeys)
        guard e.count == 1, let (key, value) = e.first else {
            throw reader.fail(node, "a signal has exactly one key: header, body or cname")
        }
        return try signal(key: key, value: value, node: node, reader)
    }

    static func signal(key: String, value: Node, node: Node, _ reader: YAMLReader) throws -> HopSignature.Signal {
        switch key {
        case "header":
            let h = try reader.entries(value, "header signal", allowed: ["name", "matches"], required: ["name"])
            let pattern = try h["matches"].map { try reader.string($0, "matches") } ?? ""
            try validate(pattern, h["matches"], reader)
            return .header(try reader.string(h["name"], "header name"), pattern)
        case "body":
            let b = try reader.entries(value, "body signal", allowed: ["contains", "matches"])
            guard b.count == 1 else { throw reader.fail(value, "a body signal has one of contains or matches") }
            if let c = b["contains"] {
                let text = try reader.string(c, "contains")
                if text.isEmpty { throw reader.fail(c, "contains must not be empty") }
                return .bodyContains(text)
            }
            let pattern = try reader.string(b["matches"], "matches")
            if pattern.isEmpty { throw reader.fail(b["matches"], "matches must not be empty") }
            try validate(pattern, b["matches"], reader)
            return .bodyMatches(pattern)
        default:  // cname
            let pattern = try reader.string(value, "cname")
            if pattern.isEmpty { throw reader.fail(value, "cname must not be empty") }
            try validate(pattern, value, reader)
            return .cname(pattern)
        }
    }

    static func validate(_ pattern: String, _ node: Node?, _ reader: YAMLReader) throws {
        guard reader.strict, !pattern.isEmpty else { return }
        do { try RegexCache.validate(pattern) } catch { throw reader.fail(node, "invalid regex /\(pattern)/: \(error)") }
    }
}
