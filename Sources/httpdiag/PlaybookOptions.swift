import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

/// `--playbooks DIR`: shared by every command that diagnoses.
struct PlaybookOptions: ParsableArguments {
    @Option(
        name: .customLong("playbooks"),
        help: "Directory of playbooks added to (and overriding, by id) the built-in ones, after $HTTPDIAG_PLAYBOOKS (repeatable)."
    )
    var directories: [String] = []

    @Flag(
        name: .customLong("no-default-playbooks"),
        help: "Leave out the built-in playbooks: use only the --playbooks directories (none: probe without diagnosis)."
    )
    var noDefaults = false

    var source: PlaybookSource { PlaybookSource(directories: directories, noDefaults: noDefaults) }

    /// For diagnosing: regexes are compiled when first used (`playbooks lint` checks them all).
    func engine() throws -> DiagnosisEngine { try source.engine() }

    func load(strict: Bool = true) throws -> [Playbook] { try source.load(strict: strict) }

    var allDirectories: [String] { source.allDirectories }
}
