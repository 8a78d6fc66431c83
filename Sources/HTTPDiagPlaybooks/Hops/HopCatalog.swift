import HTTPDiagCore

/// The standard hop signatures: the built-in ones (generated from `Playbooks/hops/`), for
/// callers that do not load their own (commands pass what they loaded).
public enum HopCatalog {
    public static var standard: [HopSignature] { BuiltinPlaybooks.hops }
}
