import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

/// `--playbooks DIR`: shared by every command that diagnoses.
struct PlaybookOptions: ParsableArguments {
    @Option(name: .customLong("playbooks"), help: "Directory of playbooks added to (and overriding) the default ones (repeatable).")
    var directories: [String] = []

    @Flag(name: .customLong("no-default-playbooks"), help: "Use only the --playbooks directories.")
    var noDefaults = false

    /// For diagnosing: regexes are compiled when first used (`playbooks lint` checks them all).
    func engine() throws -> DiagnosisEngine {
        DiagnosisEngine(library: try library(strict: false))
    }

    func load(strict: Bool = true) throws -> [Playbook] { try library(strict: strict).playbooks }

    var allDirectories: [String] { (noDefaults ? [] : PlaybookLocator.defaultDirectories()) + directories }

    func library(strict: Bool = true) throws -> PlaybookLibrary {
        let dirs = allDirectories
        do {
            return try PlaybookLoader.loadLibrary(directories: dirs, strict: strict)
        } catch let e as PlaybookErrors {
            let more = e.errors.count > 1 ? " (and \(e.errors.count - 1) more: run httpdiag playbooks lint)" : ""
            throw InputError("\(e.errors[0])\(more)")
        }
    }
}
