import HTTPDiagCore
import Yams

/// Top-1 and top-3 accuracy of the engine on a directory of recorded responses
/// (`*.http` in the corpus format, Playbooks/corpus/README.md): a file counts for top-1
/// when the first diagnosis is its `# root_cause:` or one of its `# also_acceptable:`
/// ids, for top-3 when one of those is among the first three.
public struct CorpusEvaluator: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var expected: [String]
        public var ranked: [String]
        public var top1: Bool { ranked.first.map(expected.contains) ?? false }
        public var top3: Bool { ranked.prefix(3).contains(where: expected.contains) }
    }

    public let engine: DiagnosisEngine
    public init(engine: DiagnosisEngine) { self.engine = engine }

    public func evaluate(directory: String) throws -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw PlaybookError(file: directory, line: nil, message: "not a readable directory")
        }
        return try names.filter { $0.hasSuffix(".http") }.sorted().map { name in
            let path = directory + "/" + name
            let data = try PlaybookFile.read(path)
            let raw = try RawHTTPMessage(text: String(decoding: data, as: UTF8.self), file: path)
            guard let root = raw.comments["root_cause"]?.first, !root.isEmpty else {
                throw PlaybookError(file: path, line: nil, message: "no '# root_cause:' line")
            }
            let also = (raw.comments["also_acceptable"] ?? []).flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
                .filter { $0 != "-" && !$0.isEmpty }
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            guard let node = try Yams.compose(yaml: "http_file: \(quoted)"), let entries = node.mapping else {
                throw PlaybookError(file: path, line: nil, message: "cannot read the file name")
            }
            var e: [String: Node] = [:]
            for (k, v) in entries { if let key = k.string { e[key] = v } }
            let probe = try CaseLoader.probe(e, node: node, index: 0, reader: YAMLReader(file: path), base: directory, now: Date())
            let c = PlaybookCase(name: name, playbookID: root, expect: .top, file: path, line: nil, probes: [probe])
            let ranked = engine.diagnose(c.report).diagnoses.map(\.id)
            return Entry(file: name, expected: [root] + also, ranked: ranked)
        }
    }
}
