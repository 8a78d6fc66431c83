import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a root cause as a runbook, or list the causes of an HTTP status (`httpdiag explain 502`)."
    )

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
            throw InputError("unknown root cause '\(subject)'\(PlaybookSuggestion.hint(subject, in: all)); httpdiag playbooks list shows them all")
        }
        print(Runbook.render(p))
    }
}
