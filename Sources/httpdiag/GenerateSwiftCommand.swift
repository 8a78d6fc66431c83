import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

extension PlaybooksCommand {
    /// `httpdiag playbooks generate-swift DIR`: the Swift source of the built-in playbooks
    /// (scripts/generate-builtin-playbooks.sh writes it to BuiltinPlaybooks.generated.swift).
    struct GenerateSwift: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-swift",
            abstract: "Print the playbooks and hop signatures of DIR as the Swift source compiled into httpdiag (make builtin).",
            shouldDisplay: false
        )
        @Argument(help: "The playbook directory (Playbooks).") var directory: String

        func run() throws {
            do {
                let library = try PlaybookLoader.loadLibrary(directories: [directory])
                if library.playbooks.isEmpty { throw PlaybookError.noPlaybooksIn(directory) }
                print(BuiltinSourceWriter.render(library, sourceDirectory: directory), terminator: "")
            } catch let e as PlaybookError {
                for error in e.errors { StandardError.say(error.description) }
                throw ExitCode(ExitStatus.of(e))
            }
        }
    }
}
