import Foundation
import HTTPDiagCore
import HTTPDiagPlaybooks
import Yams

/// Typed reads of config nodes, each failure located by JSON path and line.
struct ConfigReader {
    let file: String
    let environment: [String: String]
    /// Where a `${NAME}` that is not set is noted (the endpoint is disabled, not the
    /// fleet); nil: it is an error at once.
    var unset: UnsetVariables?

    func fail(_ node: Node?, _ path: String, _ message: String) -> ConfigError {
        ConfigError(file: file, path: path, line: node?.mark?.line, message: message)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.style == .plain ? s.string : "\"\(s.string)\""
        case .mapping: "an object"
        case .sequence: "an array"
        case .alias: "an alias"
        }
    }

    /// Keys of an object; `allowed` nil accepts any key (header maps).
    func object(_ node: Node, path: String, allowed: [String]?, required: [String] = []) throws -> [String: Node] {
        guard case .mapping(let m) = node else { throw fail(node, path, "expected an object, got \(describe(node))") }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { throw fail(k, path, "keys must be strings") }
            if let allowed, !allowed.contains(key.string) {
                throw fail(
                    k,
                    path == "$" ? key.string : "\(path).\(key.string)",
                    "unknown key\(Suggest.hint(key.string, in: allowed)); expected one of \(allowed.joined(separator: ", "))"
                )
            }
            out[key.string] = v
        }
        for key in required where out[key] == nil { throw fail(node, path, "missing required key '\(key)'") }
        return out
    }

    func string(_ node: Node, path: String, expand: Bool = false) throws -> String {
        guard case .scalar(let s) = node, s.style != .plain || (node.int == nil && node.float == nil && node.bool == nil && node.null == nil) else {
            throw fail(node, path, "expected a string, got \(Self.isSecretHeader(path) ? "a value" : describe(node))")
        }
        return expand ? try expandEnvironment(s.string, node: node, path: path) : s.string
    }

    func strings(_ node: Node, path: String) throws -> [String] {
        guard case .sequence(let seq) = node else { throw fail(node, path, "expected an array of strings, got \(describe(node))") }
        return try seq.enumerated().map { try string($1, path: "\(path)[\($0)]") }
    }

    func number(_ node: Node, path: String, range: ClosedRange<Double>) throws -> Double {
        guard case .scalar(let s) = node, s.style == .plain, let v = Self.jsonNumber(s.string) ?? node.float ?? node.int.map(Double.init) else {
            throw fail(node, path, "expected a number, got \(describe(node))")
        }
        guard range.contains(v) else {
            throw fail(
                node,
                path,
                "expected a number from \(Format.fixed(range.lowerBound, 3)) to \(Format.fixed(range.upperBound, 0)), got \(s.string)"
            )
        }
        return v
    }

    func int(_ node: Node, path: String, range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let s) = node, s.style == .plain, let v = node.int else {
            throw fail(node, path, "expected an integer, got \(describe(node))")
        }
        guard range.contains(v) else { throw fail(node, path, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(v)") }
        return v
    }

    func bool(_ node: Node, path: String) throws -> Bool {
        guard case .scalar(let s) = node, s.style == .plain, let v = node.bool else {
            throw fail(node, path, "expected true or false, got \(describe(node))")
        }
        return v
    }

    func file(_ node: Node, path: String) throws -> String {
        let before = unset?.errors.count ?? 0
        let p = try string(node, path: path, expand: true)
        // A path made of an unset variable is not there to check: the endpoint is disabled.
        if (unset?.errors.count ?? 0) > before { return p }
        guard FileManager.default.isReadableFile(atPath: p) else { throw fail(node, path, "file \(p) not found or not readable") }
        return p
    }

    /// `…headers.Authorization`: a secret header's value is never quoted in an error
    /// (the path names it); a stderr is mailed and logged.
    static func isSecretHeader(_ path: String) -> Bool {
        guard let r = path.range(of: ".headers.", options: .backwards) else { return false }
        return SecretNames.isSecretHeader(String(path[r.upperBound...]))
    }

    /// A plain scalar in JSON's number syntax (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)?`),
    /// read without Yams's tag resolution (a regular expression per rule, ~10k instructions
    /// a number): Yams resolves such a scalar to an int or a float of the same value. Nil for
    /// anything else (YAML's 0x1F, 1_000, .inf...), which Yams reads.
    static func jsonNumber(_ text: String) -> Double? {
        var t = text
        let json = t.withUTF8 { b -> Bool in
            var i = 0
            func digits() -> Int {
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                return i - start
            }
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count else { return false }
            if b[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                if digits() == 0 { return false }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
                if digits() == 0 { return false }
            }
            return i == b.count
        }
        return json ? Double(text) : nil
    }

    /// `${NAME}` from the environment, so secrets stay out of the file.
    func expandEnvironment(_ text: String, node: Node, path: String) throws -> String {
        // Most values have no `$` at all: no substring search for them.
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw fail(node, path, "unclosed '${'" + (Self.isSecretHeader(path) ? "" : " in \(text)"))
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name] else {
                let error = fail(node, path, "environment variable \(name) is not set")
                guard let unset else { throw error }
                unset.errors.append(error)
                rest = rest[rest.index(after: close)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// The `${NAME}`s an endpoint needs that the environment does not set, as located errors.
final class UnsetVariables {
    var errors: [ConfigError] = []
}
