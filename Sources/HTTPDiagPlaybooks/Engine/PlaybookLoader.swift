import Dispatch
import HTTPDiagCore
import Synchronization
import Yams

/// Loads and validates `Playbooks/*.yaml`. Unknown keys, unknown fields, bad regexes,
/// unknown failure kinds or hops are errors with file and line.
public enum PlaybookLoader {
    static let topKeys = [
        "id", "title", "layer", "severity", "confidence", "when", "support", "against", "look_alikes", "explanation",
        "remediation", "verify", "references",
    ]
    static let conditionKeys = ["failure", "status", "hop", "header", "request_header", "body", "field", "summary", "all", "any", "not"]
    /// Playbooks and the hop signatures beside them (`hops/`), validated together, over
    /// `base` (none by default; `BuiltinPlaybooks.library` for what a check uses): a
    /// playbook of the same id, a hop of the same name replaces the base's; look-alike ids
    /// may name the base's, hop names the base's and the built-in ones.
    public static func loadLibrary(directories: [String], strict: Bool = true, base: PlaybookLibrary = .empty) throws -> PlaybookLibrary {
        base.overridden(by: try loadFiles(directories: directories, strict: strict, base: base))
    }

    /// The playbooks and hops of the directories alone, validated as `loadLibrary` does
    /// (their hop names and look-alikes may name `base`'s).
    public static func loadFiles(directories: [String], strict: Bool = true, base: PlaybookLibrary = .empty) throws -> PlaybookLibrary {
        var errors: [PlaybookError] = []
        var hops: [HopSignature] = []
        do { hops = try HopSignatureLoader.load(directories: directories, strict: strict) } catch let e as PlaybookErrors { errors += e.errors }
        var playbooks: [Playbook] = []
        let names = Set(hops.map(\.name) + base.hops.map(\.name) + BuiltinPlaybooks.hops.map(\.name) + ["origin"])
        do {
            playbooks = try load(directories: directories, strict: strict, hopNames: names, knownIDs: Set(base.playbooks.map(\.id)))
        } catch let e as PlaybookErrors { errors += e.errors }
        if !errors.isEmpty { throw PlaybookErrors(errors: errors) }
        return PlaybookLibrary(playbooks: playbooks, hops: hops)
    }

    /// Loads every `*.yaml` in the directories, later directories overriding earlier ones
    /// by id. Throws every error found, not just the first. Hop names are checked against
    /// `hopNames` (default: the hops in these directories and the standard ones); look-alikes
    /// may also name `knownIDs` (the playbooks these add to).
    public static func load(
        directories: [String],
        strict: Bool = true,
        hopNames: Set<String>? = nil,
        knownIDs: Set<String> = []
    ) throws
        -> [Playbook]
    {
        let hopNames =
            hopNames
            ?? Set(
                ((try? HopSignatureLoader.load(directories: directories, strict: false)) ?? []).map(\.name)
                    + BuiltinPlaybooks.hops.map(\.name) + ["origin"]
            )
        var byID: [String: Playbook] = [:]
        var order: [String] = []
        var errors: [PlaybookError] = []
        for dir in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                errors.append(PlaybookError(file: dir, line: nil, message: "not a readable directory"))
                continue
            }
            var seenHere: [String: String] = [:]
            let files = names.sorted().filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".cases.yaml") }.map { dir + "/" + $0 }
            // Parsing dominates a check's start-up: spread the files over the cores.
            let results = Mutex<[Result<Playbook, PlaybookError>?]>(Array(repeating: nil, count: files.count))
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                let r: Result<Playbook, PlaybookError>
                do { r = .success(try load(file: files[i], strict: strict, hopNames: hopNames)) } catch let e as PlaybookError {
                    r = .failure(e)
                } catch {
                    r = .failure(PlaybookError(file: files[i], line: nil, message: "\(error)"))
                }
                results.withLock { $0[i] = r }
            }
            for (path, result) in zip(files, results.withLock { $0 }) {
                switch result {
                case .success(let playbook)?:
                    if let other = seenHere[playbook.id] {
                        errors.append(PlaybookError(file: path, line: 1, message: "duplicate playbook id '\(playbook.id)' (also in \(other))"))
                        continue
                    }
                    seenHere[playbook.id] = path
                    if byID[playbook.id] == nil { order.append(playbook.id) }
                    byID[playbook.id] = playbook
                case .failure(let e)?: errors += e.errors
                case nil: break
                }
            }
        }
        for playbook in byID.values {
            for alike in playbook.lookAlikes where byID[alike.id] == nil && !knownIDs.contains(alike.id) {
                errors.append(
                    PlaybookError(
                        file: playbook.file,
                        line: alike.line,
                        message: "look_alikes: unknown playbook id '\(alike.id)'\(Suggest.hint(alike.id, in: Array(byID.keys) + knownIDs))"
                    )
                )
            }
        }
        if !errors.isEmpty { throw PlaybookErrors(errors: errors.sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }) }
        return order.compactMap { byID[$0] }
    }

    public static func load(file path: String, strict: Bool = true, hopNames: Set<String>? = nil) throws -> Playbook {
        let hopNames = hopNames ?? Set(BuiltinPlaybooks.hops.map(\.name) + ["origin"])
        let data = try PlaybookFile.read(path)
        let reader = YAMLReader(file: path, strict: strict)
        let root = try reader.parse(String(decoding: data, as: UTF8.self))
        // Every part is checked on its own and its errors kept: lint reports all the
        // problems of a file, not the first one.
        var errors: [PlaybookError] = []
        let e =
            reader.collect(&errors) {
                try reader.entries(
                    root,
                    "playbook",
                    allowed: topKeys,
                    required: ["id", "title", "layer", "severity", "when", "explanation", "remediation", "verify"]
                )
            }
            ?? (root.mapping.map { m in
                Dictionary(m.compactMap { k, v in k.string.map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
            } ?? [:])
        let stem = (path.split(separator: "/").last.map(String.init) ?? path).replacingOccurrences(of: ".yaml", with: "")
        let id = reader.collect(&errors) { () throws -> String in
            let id = try reader.string(e["id"], "id")
            guard id == stem else { throw reader.fail(e["id"], "id '\(id)' must match the file name '\(stem).yaml'") }
            return id
        }
        let title = reader.collect(&errors) { try reader.string(e["title"], "title") }
        let layer = reader.collect(&errors) { () throws -> String in
            let layer = try reader.string(e["layer"], "layer")
            guard Playbook.layers.contains(layer) else {
                throw reader.fail(
                    e["layer"],
                    "unknown layer '\(layer)'\(Suggest.hint(layer, in: Array(Playbook.layers))); one of \(Playbook.layers.sorted().joined(separator: ", "))"
                )
            }
            return layer
        }
        let severity = reader.collect(&errors) { () throws -> String in
            let severity = try reader.string(e["severity"], "severity")
            guard Playbook.severities.contains(severity) else { throw reader.fail(e["severity"], "severity must be critical, warning or info") }
            return severity
        }
        let confidence = reader.collect(&errors) { () throws -> Double in
            let confidence = try e["confidence"].map { try reader.number($0, "confidence") } ?? 0.5
            guard (0...1).contains(confidence) else { throw reader.fail(e["confidence"], "confidence must be between 0 and 1") }
            return confidence
        }
        func conditionList(_ key: String, required: Bool) -> [Condition]? {
            guard let node = e[key] else {
                if required { errors.append(reader.fail(root, "\(key) must be a non-empty list of conditions")) }
                return required ? nil : []
            }
            guard let items = node.sequence, !items.isEmpty else {
                errors.append(reader.fail(node, "\(key) must be a non-empty list of conditions"))
                return nil
            }
            let parsed = items.map { item in reader.collect(&errors) { try condition(item, reader, hopNames) } }
            return parsed.contains { $0 == nil } ? nil : parsed.compactMap { $0 }
        }
        let conditions = e["when"] == nil ? nil : conditionList("when", required: true)
        let support = conditionList("support", required: false)
        let against = conditionList("against", required: false)
        let lookAlikes = reader.collect(&errors) { () throws -> [LookAlike] in
            guard let node = e["look_alikes"] else { return [] }
            guard let items = node.sequence, !items.isEmpty else { throw reader.fail(node, "look_alikes must be a non-empty list of {id, tell}") }
            return try items.map { item in
                let l = try reader.entries(item, "look-alike", allowed: ["id", "tell"], required: ["id", "tell"])
                return LookAlike(id: try reader.string(l["id"], "id"), tell: try reader.string(l["tell"], "tell"), line: item.mark?.line)
            }
        }
        let explanation = e["explanation"] == nil ? nil : reader.collect(&errors) { try reader.string(e["explanation"], "explanation") }
        let remediation = e["remediation"] == nil ? nil : reader.collect(&errors) { try reader.strings(e["remediation"], "remediation") }
        let verify = e["verify"] == nil ? nil : reader.collect(&errors) { try reader.strings(e["verify"], "verify") }
        let references = reader.collect(&errors) { try reader.strings(e["references"], "references") }
        let texts =
            (explanation.map { [($0, e["explanation"])] } ?? []) + (remediation ?? []).map { ($0, e["remediation"]) }
            + (verify ?? []).map { ($0, e["verify"]) }
        for (text, node) in texts { _ = reader.collect(&errors) { try checkTemplate(text, node, reader) } }
        if remediation?.isEmpty == true { errors.append(reader.fail(e["remediation"], "remediation must list at least one step")) }
        if verify?.isEmpty == true { errors.append(reader.fail(e["verify"], "verify must list at least one check")) }
        guard errors.isEmpty, let id, let title, let layer, let severity, let confidence, let conditions, let support, let against,
            let lookAlikes, let explanation, let remediation, let verify, let references
        else {
            throw PlaybookError(errors: errors.isEmpty ? [PlaybookError(file: path, line: nil, message: "invalid playbook")] : errors)
        }
        return Playbook(
            id: id,
            title: title,
            layer: layer,
            severity: severity,
            confidence: confidence,
            when: conditions,
            support: support,
            against: against,
            lookAlikes: lookAlikes,
            explanation: explanation,
            remediation: remediation,
            verify: verify,
            references: references,
            file: path
        )
    }

    static func checkTemplate(_ text: String, _ node: Node?, _ reader: YAMLReader) throws {
        let scan = try Template.substitute(text) { inside in
            let key = inside.trimmedSpaces()
            guard Template.isKnown(key) else {
                throw reader.fail(
                    node,
                    "unknown placeholder '{{\(key)}}'; use one of \(Template.simpleKeys.joined(separator: ", ")) or header:, request_header:, field:, body_match:"
                )
            }
            if key.hasPrefix("field:") { try checkPath(String(key.dropFirst(6)), node, reader) }
            if key.hasPrefix("body_match:"), reader.strict {
                let pattern = String(key.dropFirst(11))
                do { try RegexCache.validate(pattern) } catch { throw reader.fail(node, "invalid regex in '{{\(key)}}': \(error)") }
            }
            return ""
        }
        if scan.unclosed { throw reader.fail(node, "unclosed '{{' in \"\(text.prefix(60))\"") }
        if let stray = strayTemplateText(text) {
            throw reader.fail(node, "placeholder \(stray) would render a stray fragment (its braces do not balance)")
        }
    }

    /// What a text would show of template syntax once its placeholders are rendered
    /// (`502}` from a placeholder whose braces do not balance, a `{{` inside one): nil
    /// when nothing. JSON in a step (`{"a": {}}}`) is text, not a placeholder.
    static func strayTemplateText(_ text: String) -> String? {
        var stray: String?
        _ = Template.substitute(text) { inside in
            if stray == nil, inside.contains("{{") || !bracesBalance(inside) {
                stray = "{{" + inside.prefix(60) + "}}"
            }
            return ""
        }
        return stray
    }

    /// `{`/`}` pair up, outside escapes (`\\{`) and character classes (`[^"}]`).
    static func bracesBalance(_ s: String) -> Bool {
        var depth = 0
        var escaped = false
        var inClass = false
        for c in s {
            if escaped {
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "{" where !inClass: depth += 1
            case "}" where !inClass:
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0
    }

    static func checkPath(_ path: String, _ node: Node?, _ reader: YAMLReader) throws {
        guard FieldCatalog.knownPaths.contains(path) else {
            throw reader.fail(
                node,
                "unknown evidence field '\(path)'\(Suggest.hint(path, in: Array(FieldCatalog.knownPaths))) (see docs/json-output.md, paths under probes[])"
            )
        }
    }

    static func condition(_ node: Node, _ reader: YAMLReader, _ hopNames: Set<String>) throws -> Condition {
        let e = try reader.entries(node, "condition", allowed: conditionKeys)
        guard e.count == 1, let (key, value) = e.first else {
            throw reader.fail(node, "a condition has exactly one key, one of \(conditionKeys.joined(separator: ", "))")
        }
        switch key {
        case "failure":
            let kinds = try reader.strings(value, "failure")
            for k in kinds where FailureKind(rawValue: k) == nil {
                throw reader.fail(value, "unknown failure kind '\(k)'\(Suggest.hint(k, in: FailureKind.allCases.map(\.rawValue)))")
            }
            return .failure(kinds)
        case "status":
            let items = value.sequence ?? [value]
            return .status(
                try items.map { item in
                    if let code = item.int, (100...599).contains(code) { return .code(code) }
                    if let s = item.string, s.count == 3, s.hasSuffix("xx"), let k = Int(String(s.first!)), (1...5).contains(k) { return .klass(k) }
                    throw reader.fail(item, "status must be a code 100-599 or a class like 5xx")
                }
            )
        case "hop":
            var test = HopTest()
            if case .scalar = value {
                test.name = try reader.string(value, "hop")
            } else {
                let h = try reader.entries(value, "hop", allowed: ["name", "role", "generated", "upstream"])
                test.name = try h["name"].map { try reader.string($0, "hop name") }
                test.roles = try h["role"].map { try reader.strings($0, "role") }
                test.generated = try h["generated"].map { try reader.bool($0, "generated") }
                test.upstream = try h["upstream"].map { try reader.strings($0, "upstream") }
                if test.name == nil && test.roles == nil { throw reader.fail(value, "hop: give a name or a role") }
                let roles = HopSignature.roles + ["origin"]
                for r in test.roles ?? [] where !roles.contains(r) {
                    throw reader.fail(h["role"], "unknown role '\(r)'\(Suggest.hint(r, in: roles)); one of \(roles.joined(separator: ", "))")
                }
                for u in test.upstream ?? [] where !HopSignature.upstreamMeanings.contains(u) {
                    throw reader.fail(
                        h["upstream"],
                        "unknown upstream reason '\(u)'; one of \(HopSignature.upstreamMeanings.joined(separator: ", "))"
                    )
                }
            }
            if let name = test.name, !hopNames.contains(name) {
                throw reader.fail(value, "unknown hop '\(name)'\(Suggest.hint(name, in: Array(hopNames)))")
            }
            return .hop(test)
        case "header", "request_header":
            let h = try reader.entries(value, key, allowed: ["name"] + ValueTest.keys, required: ["name"])
            let name = try reader.string(h["name"], "header name")
            let test = try valueTest(h, value, reader)
            return key == "header" ? .header(name: name, test: test) : .requestHeader(name: name, test: test)
        case "body":
            return .body(try valueTest(try reader.entries(value, "body", allowed: ValueTest.keys), value, reader))
        case "field", "summary":
            let f = try reader.entries(value, key, allowed: ["path"] + ValueTest.keys, required: ["path"])
            let path = try reader.string(f["path"], "path")
            if key == "field" {
                try checkPath(path, f["path"], reader)
                return .field(path: path, test: try valueTest(f, value, reader))
            }
            guard SummaryFacts.paths[path] != nil else {
                throw reader.fail(f["path"], "unknown summary fact '\(path)'\(Suggest.hint(path, in: Array(SummaryFacts.paths.keys)))")
            }
            return .summary(path: path, test: try valueTest(f, value, reader))
        case "all", "any":
            guard let items = value.sequence, !items.isEmpty else { throw reader.fail(value, "\(key) must be a non-empty list of conditions") }
            let conditions = try items.map { try condition($0, reader, hopNames) }
            return key == "all" ? .all(conditions) : .any(conditions)
        default:  // not
            return .not(try condition(value, reader, hopNames))
        }
    }

    static func valueTest(_ e: [String: Node], _ node: Node, _ reader: YAMLReader) throws -> ValueTest {
        var t = ValueTest()
        if let n = e["exists"] { t.exists = try reader.bool(n, "exists") }
        if let n = e["equals"] { t.equals = try reader.value(n) }
        if let n = e["in"] {
            guard let seq = n.sequence else { throw reader.fail(n, "in must be a list") }
            t.oneOf = try seq.map { try reader.value($0) }
        }
        if let n = e["matches"] {
            let pattern = try reader.string(n, "matches")
            if reader.strict {
                do { try RegexCache.validate(pattern) } catch { throw reader.fail(n, "invalid regex /\(pattern)/: \(error)") }
            }
            t.matches = pattern
        }
        if let n = e["contains"] { t.contains = try reader.string(n, "contains") }
        if let n = e["gt"] { t.gt = try reader.number(n, "gt") }
        if let n = e["gte"] { t.gte = try reader.number(n, "gte") }
        if let n = e["lt"] { t.lt = try reader.number(n, "lt") }
        if let n = e["lte"] { t.lte = try reader.number(n, "lte") }
        let given = [
            t.exists != nil, t.equals != nil, t.oneOf != nil, t.matches != nil, t.contains != nil,
            t.gt != nil, t.gte != nil, t.lt != nil, t.lte != nil,
        ].filter { $0 }.count
        if given == 0 { throw reader.fail(node, "give a test: one of \(ValueTest.keys.joined(separator: ", "))") }
        return t
    }
}
