import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Print a root cause as a runbook, or list the causes of an HTTP status (`httpdiag explain 502`).")

    @Argument(help: "A root-cause id (see ROOT_CAUSES.md) or an HTTP status code.") var subject: String
    @OptionGroup var playbooks: PlaybookOptions

    func run() throws {
        let all = try playbooks.load()
        if let status = Int(subject) {
            let matching = all.filter { $0.statuses.contains(status) }.sorted { $0.confidence > $1.confidence }
            guard !matching.isEmpty else { throw InputError("no playbook names status \(status)") }
            print("Causes of \(status) \(HTTPStatus.reason(status)), most specific first:")
            for p in matching { print("  \(p.id.padding(46)) \(p.title)") }
            print("\nhttpdiag explain ID prints one as a runbook.")
            return
        }
        guard let p = all.first(where: { $0.id == subject }) else {
            throw InputError("unknown root cause '\(subject)'\(all.map(\.id).closestHint(subject)); httpdiag playbooks list shows them all")
        }
        print(Runbook.render(p))
    }
}

extension Array where Element == String {
    func closestHint(_ word: String) -> String {
        let best = self.map { ($0, Self.distance($0, word)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= Swift.max(2, word.count / 3) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Swift.Array(a), b = Swift.Array(b)
        if a.isEmpty || b.isEmpty { return Swift.max(a.count, b.count) }
        var prev = Swift.Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Swift.Array(repeating: 0, count: b.count)
            for j in 1...b.count { cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            prev = cur
        }
        return prev[b.count]
    }
}
