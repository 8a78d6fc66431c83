import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

/// `httpdiag version`, `httpdiag --version`, `httpdiag -V`: httpdiag's version, the
/// libcurl and OpenSSL it runs on, and how many playbooks and hop signatures are built in.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of httpdiag, libcurl and OpenSSL, and the number of built-in playbooks."
    )

    func run() { print(Self.text) }

    static var text: String {
        """
        httpdiag \(HTTPDiagVersion.current)
        \(LibraryVersions.libcurl.replacingOccurrences(of: "libcurl/", with: "libcurl ", options: [], range: nil))
        \(LibraryVersions.openssl)
        playbooks: \(BuiltinPlaybooks.playbooks.count) built in, \(BuiltinPlaybooks.hops.count) hop signatures
        """
    }

    /// `--version` and `-V` as the only argument of httpdiag (the parser's own --version
    /// prints the version alone).
    static func isVersionFlag(_ arguments: [String]) -> Bool { arguments == ["--version"] || arguments == ["-V"] }
}
