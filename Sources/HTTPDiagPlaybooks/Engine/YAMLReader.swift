import HTTPDiagCore
import Yams

/// Reads YAML nodes with their line numbers, so every error names file and line.
struct YAMLReader {
    let file: String
    /// Compile every regex while loading (lint, test); a check skips it for start-up
    /// time, and an invalid regex then simply never matches.
    var strict = true

    func parse(_ text: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else { throw PlaybookError(file: file, line: nil, message: "the file is empty") }
            return node
        } catch let error as PlaybookError {
            throw error
        } catch let error as YamlError {
            throw PlaybookError(file: file, line: Self.line(of: error), message: "invalid YAML: \(Self.summary(of: error))")
        } catch {
            throw PlaybookError(file: file, line: nil, message: "invalid YAML: \(error)")
        }
    }

    func fail(_ node: Node?, _ message: String) -> PlaybookError {
        PlaybookError(file: file, line: node?.mark?.line, message: message)
    }

    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let m = node.mapping else { throw fail(node, "\(what) must be a mapping") }
        return m
    }

    /// The mapping's entries by key, rejecting keys outside `allowed` with a did-you-mean.
    func entries(_ node: Node, _ what: String, allowed: [String], required: [String] = []) throws -> [String: Node] {
        let m = try mapping(node, what)
        var out: [String: Node] = [:]
        // Every bad key of the mapping, not only the first (lint lists them all).
        var errors: [PlaybookError] = []
        for (k, v) in m {
            guard let key = k.string else {
                errors.append(fail(k, "\(what): keys must be strings"))
                continue
            }
            guard allowed.contains(key) else {
                errors.append(fail(k, "\(what): unknown key '\(key)'\(Suggest.hint(key, in: allowed)); allowed: \(allowed.joined(separator: ", "))"))
                continue
            }
            if out[key] != nil { errors.append(fail(k, "\(what): duplicate key '\(key)'")) }
            out[key] = v
        }
        for key in required where out[key] == nil { errors.append(fail(node, "\(what): missing required key '\(key)'")) }
        if !errors.isEmpty { throw PlaybookError(errors: errors) }
        return out
    }

    func string(_ node: Node?, _ what: String) throws -> String {
        guard let node, case .scalar(let s) = node else { throw fail(node, "\(what) must be a string") }
        return s.string
    }

    func strings(_ node: Node?, _ what: String) throws -> [String] {
        guard let node else { return [] }
        if case .scalar = node { return [try string(node, what)] }
        guard let seq = node.sequence else { throw fail(node, "\(what) must be a list of strings") }
        return try seq.map { try string($0, what) }
    }

    func number(_ node: Node?, _ what: String) throws -> Double {
        guard let node, let v = node.float ?? node.int.map(Double.init) else { throw fail(node, "\(what) must be a number") }
        return v
    }

    func bool(_ node: Node?, _ what: String) throws -> Bool {
        guard let node, let v = node.bool else { throw fail(node, "\(what) must be true or false") }
        return v
    }

    /// A scalar as a JSON value: numbers and booleans typed, the rest strings.
    func value(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                if let i = node.int { return .number(Double(i)) }
                if let f = node.float, !s.string.isEmpty, s.string.first!.isNumber || s.string.first == "-" { return .number(f) }
                if let b = node.bool { return .bool(b) }
                if node.null != nil { return .null }
            }
            return .string(s.string)
        case .sequence(let seq): return .array(try seq.map(value))
        case .mapping(let m):
            var o: [String: JSONValue] = [:]
            for (k, v) in m { o[try string(k, "key")] = try value(v) }
            return .object(o)
        case .alias: throw fail(node, "YAML aliases are not supported")
        }
    }

    /// Runs `body`, keeping its errors in `errors` instead of stopping at the first:
    /// a file's independent parts are each checked, so lint reports all their problems.
    func collect<T>(_ errors: inout [PlaybookError], _ body: () throws -> T) -> T? {
        do { return try body() } catch let e as PlaybookError {
            errors += e.errors
        } catch {
            errors.append(PlaybookError(file: file, line: nil, message: "\(error)"))
        }
        return nil
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    static func summary(of error: YamlError) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
