import HTTPDiagCore
import Yams

/// One fixture of a hop signature (`cases:` in `hops/<name>.yaml`): a response and
/// whether the fingerprinter must find the hop (and whether it generated the response).
public struct HopCase: Sendable {
    public var name: String
    public var hop: String
    /// nil: the hop must not be found.
    public var expectFound: Bool
    public var expectGenerated: Bool?
    public var file: String
    public var line: Int?
    public var probe: ProbeResult

    /// Nil when it holds, else what was wrong.
    public func failure(signatures: [HopSignature]) -> String? {
        let hops = HopFingerprinter.hops(of: probe, signatures: signatures)
        let found = hops.first { $0.name == hop }
        let seen = hops.map { $0.name + ($0.generatedResponse ? "*" : "") }.joined(separator: " → ")
        if !expectFound { return found == nil ? nil : "\(hop) was found (\(seen))" }
        guard let found else { return "\(hop) was not found (\(seen.isEmpty ? "no hops" : seen))" }
        if let g = expectGenerated, found.generatedResponse != g {
            return "\(hop) \(g ? "did not generate" : "generated") the response (\(seen))"
        }
        return nil
    }
}

public enum HopCaseLoader {
    /// The cases of every hop file in `hops/` of the directories.
    public static func load(directories: [String]) throws -> [HopCase] {
        var cases: [HopCase] = []
        var errors: [PlaybookError] = []
        for dir in directories {
            let hopDir = dir + "/hops"
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: hopDir) else { continue }
            for file in names.sorted() where file.hasSuffix(".yaml") {
                do { cases += try load(file: hopDir + "/" + file, baseDirectory: dir) } catch let e as PlaybookError { errors.append(e) } catch {
                    errors.append(PlaybookError(file: hopDir + "/" + file, line: nil, message: "\(error)"))
                }
            }
        }
        if !errors.isEmpty { throw PlaybookErrors(errors: errors) }
        return cases
    }

    static func load(file path: String, baseDirectory: String) throws -> [HopCase] {
        let data = try PlaybookFile.read(path)
        let reader = YAMLReader(file: path)
        let root = try reader.parse(String(decoding: data, as: UTF8.self))
        let top = try reader.entries(root, "hop signature", allowed: HopSignatureLoader.topKeys)
        let name = try reader.string(top["name"], "name")
        guard let list = top["cases"]?.sequence, !list.isEmpty else {
            throw reader.fail(top["cases"] ?? root, "cases: give at least one case that finds the hop and one near miss")
        }
        let cases = try list.map { node -> HopCase in
            let e = try reader.entries(node, "case", allowed: ["name", "expect", "note"] + CaseLoader.probeKeys, required: ["name", "expect"])
            let x = try reader.entries(e["expect"]!, "expect", allowed: ["hop", "generated", "absent"])
            var found = true
            var hop = name
            if let a = x["absent"] {
                hop = try reader.string(a, "absent")
                found = false
            } else if let h = x["hop"] {
                hop = try reader.string(h, "hop")
            } else {
                throw reader.fail(e["expect"], "expect: give hop: NAME (optionally generated: true|false) or absent: NAME")
            }
            let generated = try x["generated"].map { try reader.bool($0, "generated") }
            var probeKeys = e
            for k in ["name", "expect", "note"] { probeKeys[k] = nil }
            let probe = try CaseLoader.probe(probeKeys, node: node, index: 0, reader: reader, base: baseDirectory, now: Date())
            return HopCase(
                name: try reader.string(e["name"], "name"),
                hop: hop,
                expectFound: found,
                expectGenerated: generated,
                file: path,
                line: node.mark?.line,
                probe: probe
            )
        }
        if !cases.contains(where: \.expectFound) || !cases.contains(where: { !$0.expectFound }) {
            throw reader.fail(top["cases"], "cases: give at least one case that finds the hop and one near miss (absent:)")
        }
        return cases
    }
}
