import HTTPDiagCore

/// The ways a playbook source comes out empty: each an error that says what to do, never
/// a quiet success on nothing.
extension PlaybookError {
    /// The binary's built-in library is empty (built from a stub).
    public static let noBuiltinPlaybooks = PlaybookError(
        file: "httpdiag",
        line: nil,
        message:
            "this binary has no built-in playbooks (it was built from an empty BuiltinPlaybooks.generated.swift): "
            + "run make builtin, then build again"
    )

    /// `playbooks lint|test` found no directory of playbook files.
    public static func noPlaybookFiles(builtin: Int?) -> PlaybookError {
        PlaybookError(
            file: "playbooks",
            line: nil,
            message: "no playbook files to read: Playbooks/ is not beside this binary; give --playbooks DIR or set HTTPDIAG_PLAYBOOKS"
                + (builtin.map { " (the \($0) built-in playbooks are compiled in: lint and test them in a clone of the repository)" } ?? "")
        )
    }

    /// A `--playbooks` or `$HTTPDIAG_PLAYBOOKS` directory without a playbook or hop file.
    public static func noPlaybooksIn(_ dir: String) -> PlaybookError {
        PlaybookError(file: dir, line: nil, message: "no playbooks (*.yaml) and no hop signatures (hops/*.yaml) in this directory")
    }

    /// A command that needs playbooks got none (`--no-default-playbooks` without `--playbooks`).
    public static let noPlaybooks = PlaybookError(
        file: "playbooks",
        line: nil,
        message: "none to use: --no-default-playbooks leaves out the built-in ones and no --playbooks DIR gave any"
    )
}
