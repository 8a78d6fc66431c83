import HTTPDiagCore

/// The hop signatures beside the default playbooks (`Playbooks/hops/`), loaded once, for
/// callers that do not load their own (commands pass what they loaded).
public enum HopCatalog {
    public static let standard: [HopSignature] =
        (try? HopSignatureLoader.load(directories: PlaybookLocator.defaultDirectories(), strict: false)) ?? []
}
