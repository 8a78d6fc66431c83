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
            print(StatusCauses.render(status, playbooks: all))
            return
        }
        guard let p = all.first(where: { $0.id == subject }) else {
            throw InputError("unknown root cause '\(subject)'\(PlaybookSuggestion.hint(subject, in: all)); httpdiag playbooks list shows them all")
        }
        print(Runbook.render(p))
    }
}
