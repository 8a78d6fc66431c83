import HTTPDiagCore

/// The playbooks and hop signatures compiled into the binary, generated from `Playbooks/`
/// (`BuiltinPlaybooks.generated.swift`, written by `BuiltinSourceWriter`): a binary copied
/// anywhere diagnoses as the repository's does, and a check parses no YAML.
/// `--playbooks DIR` and `$HTTPDIAG_PLAYBOOKS` add to and override them (`PlaybookSource`).
public enum BuiltinPlaybooks {
    public static var playbooks: [Playbook] { generatedPlaybooks }
    public static var hops: [HopSignature] { generatedHops }
    public static var library: PlaybookLibrary { PlaybookLibrary(playbooks: generatedPlaybooks, hops: generatedHops) }
}
