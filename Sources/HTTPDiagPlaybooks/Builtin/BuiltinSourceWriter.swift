import HTTPDiagCore

/// Writes a loaded library (playbooks and hop signatures) as Swift source: the literals
/// of `BuiltinPlaybooks.generated.swift`, so that the built-in playbooks are compiled into
/// the binary and a `check` parses no YAML. `scripts/generate-builtin-playbooks.sh`
/// (`make builtin`) runs it through `httpdiag playbooks generate-swift`; a test proves
/// the checked-in file is what it writes from `Playbooks/` today.
public enum BuiltinSourceWriter {
    /// The whole generated file. File names are written relative to the repository
    /// (`Playbooks/<id>.yaml`): `sourceDirectory` (the directory the library was loaded
    /// from) is replaced by `Playbooks`.
    public static func render(_ library: PlaybookLibrary, sourceDirectory: String) -> String {
        let base = sourceDirectory.hasSuffix("/") ? String(sourceDirectory.dropLast()) : sourceDirectory
        func file(_ path: String) -> String {
            path.hasPrefix(base + "/") ? "Playbooks/" + path.dropFirst(base.count + 1) : path
        }
        var out = """
            // Generated from Playbooks/ by scripts/generate-builtin-playbooks.sh (make builtin): do not edit.
            // BuiltinPlaybooksTests proves this file is what the generator writes from Playbooks/ today.
            // swift-format-ignore-file

            import HTTPDiagCore

            extension BuiltinPlaybooks {
                static let generatedPlaybooks: [Playbook] = [

            """
        for p in library.playbooks { out += "        \(name(p.id)),\n" }
        out += "    ]\n\n    static let generatedHops: [HopSignature] = [\n"
        for h in library.hops { out += "        \(name("hop_" + h.name)),\n" }
        out += "    ]\n"
        for p in library.playbooks { out += "\n" + playbook(p, file: file(p.file)) }
        for h in library.hops { out += "\n" + hop(h, file: file(h.file)) }
        out += "}\n"
        return out
    }

    /// A Swift identifier for an id or hop name (`-` becomes `_`), backquoted.
    static func name(_ id: String) -> String {
        "`" + String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + "`"
    }

    static func playbook(_ p: Playbook, file: String) -> String {
        var s = "    private static var \(name(p.id)): Playbook {\n        Playbook(\n"
        s += "            id: \(literal(p.id)),\n"
        s += "            title: \(literal(p.title)),\n"
        s += "            layer: \(literal(p.layer)),\n"
        s += "            severity: \(literal(p.severity)),\n"
        s += "            confidence: \(number(p.confidence)),\n"
        s += "            when: \(conditions(p.when, indent: 12)),\n"
        s += "            support: \(conditions(p.support, indent: 12)),\n"
        s += "            against: \(conditions(p.against, indent: 12)),\n"
        s += "            lookAlikes: \(list(p.lookAlikes.map(lookAlike), indent: 12)),\n"
        s += "            explanation: \(literal(p.explanation)),\n"
        s += "            remediation: \(list(p.remediation.map(literal), indent: 12)),\n"
        s += "            verify: \(list(p.verify.map(literal), indent: 12)),\n"
        s += "            references: \(list(p.references.map(literal), indent: 12)),\n"
        s += "            file: \(literal(file))\n"
        s += "        )\n    }\n"
        return s
    }

    static func hop(_ h: HopSignature, file: String) -> String {
        var s = "    private static var \(name("hop_" + h.name)): HopSignature {\n        HopSignature(\n"
        s += "            name: \(literal(h.name)),\n"
        s += "            title: \(literal(h.title)),\n"
        s += "            role: \(literal(h.role)),\n"
        s += "            order: \(h.order),\n"
        s += "            signals: \(list(h.signals.map(signal), indent: 12)),\n"
        s += "            generatedSignals: \(list(h.generatedSignals.map(signal), indent: 12)),\n"
        let reasons = h.upstreamReasons.map { "HopSignature.UpstreamReason(signal: \(signal($0.signal)), means: \(literal($0.means)))" }
        s += "            upstreamReasons: \(list(reasons, indent: 12)),\n"
        s += "            source: \(list(h.source.map(literal), indent: 12)),\n"
        s += "            file: \(literal(file))\n"
        s += "        )\n    }\n"
        return s
    }

    static func lookAlike(_ l: LookAlike) -> String {
        "LookAlike(id: \(literal(l.id)), tell: \(literal(l.tell)), line: \(l.line.map(String.init) ?? "nil"))"
    }

    static func signal(_ s: HopSignature.Signal) -> String {
        switch s {
        case .header(let n, let p): ".header(\(literal(n)), \(literal(p)))"
        case .bodyContains(let t): ".bodyContains(\(literal(t)))"
        case .bodyMatches(let p): ".bodyMatches(\(literal(p)))"
        case .cname(let p): ".cname(\(literal(p)))"
        }
    }

    static func conditions(_ list: [Condition], indent: Int) -> String {
        Self.list(list.map { condition($0, indent: indent + 4) }, indent: indent)
    }

    static func condition(_ c: Condition, indent: Int) -> String {
        switch c {
        case .failure(let kinds): ".failure([\(kinds.map(literal).joined(separator: ", "))])"
        case .status(let patterns):
            ".status([\(patterns.map(statusPattern).joined(separator: ", "))])"
        case .hop(let t):
            ".hop(HopTest(name: \(optional(t.name, literal)), roles: \(optional(t.roles, strings)), generated: \(optional(t.generated) { "\($0)" }), upstream: \(optional(t.upstream, strings))))"
        case .header(let name, let test): ".header(name: \(literal(name)), test: \(valueTest(test)))"
        case .requestHeader(let name, let test): ".requestHeader(name: \(literal(name)), test: \(valueTest(test)))"
        case .body(let test): ".body(\(valueTest(test)))"
        case .field(let path, let test): ".field(path: \(literal(path)), test: \(valueTest(test)))"
        case .summary(let path, let test): ".summary(path: \(literal(path)), test: \(valueTest(test)))"
        case .all(let list): ".all(\(conditions(list, indent: indent)))"
        case .any(let list): ".any(\(conditions(list, indent: indent)))"
        case .not(let inner): ".not(\(condition(inner, indent: indent)))"
        }
    }

    static func statusPattern(_ p: StatusPattern) -> String {
        switch p {
        case .code(let c): ".code(\(c))"
        case .klass(let k): ".klass(\(k))"
        }
    }

    static func valueTest(_ t: ValueTest) -> String {
        var args: [String] = []
        if let v = t.exists { args.append("exists: \(v)") }
        if let v = t.equals { args.append("equals: \(json(v))") }
        if let v = t.oneOf { args.append("oneOf: [\(v.map(json).joined(separator: ", "))]") }
        if let v = t.matches { args.append("matches: \(literal(v))") }
        if let v = t.contains { args.append("contains: \(literal(v))") }
        if let v = t.gt { args.append("gt: \(number(v))") }
        if let v = t.gte { args.append("gte: \(number(v))") }
        if let v = t.lt { args.append("lt: \(number(v))") }
        if let v = t.lte { args.append("lte: \(number(v))") }
        return "ValueTest(\(args.joined(separator: ", ")))"
    }

    static func json(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): "JSONValue.string(\(literal(s)))"
        case .number(let n): "JSONValue.number(\(number(n)))"
        case .bool(let b): "JSONValue.bool(\(b))"
        case .null: "JSONValue.null"
        case .array(let a): "JSONValue.array([\(a.map(json).joined(separator: ", "))])"
        case .object(let o):
            o.isEmpty
                ? "JSONValue.object([:])"
                : "JSONValue.object([\(o.keys.sorted().map { "\(literal($0)): \(json(o[$0]!))" }.joined(separator: ", "))])"
        }
    }

    static func strings(_ list: [String]) -> String { "[\(list.map(literal).joined(separator: ", "))]" }

    static func optional<T>(_ value: T?, _ render: (T) -> String) -> String { value.map(render) ?? "nil" }

    /// One element a line when there are any.
    static func list(_ items: [String], indent: Int) -> String {
        guard !items.isEmpty else { return "[]" }
        let pad = String(repeating: " ", count: indent + 4)
        return "[\n" + items.map { pad + $0 + ",\n" }.joined() + String(repeating: " ", count: indent) + "]"
    }

    /// A Double as a Swift literal that reads back as the same value.
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d)).0" : "\(d)"
    }

    /// A Swift string literal of any text (escapes, no interpolation).
    static func literal(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
