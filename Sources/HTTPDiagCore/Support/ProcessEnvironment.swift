import Foundation

/// The process's environment, read once. `ProcessInfo.environment` builds a new dictionary
/// on every call (about 0.3M instructions each, five times in one `check`); httpdiag never
/// changes its own environment, so every reader shares this copy.
public enum ProcessEnvironment {
    public static let current: [String: String] = ProcessInfo.processInfo.environment
}
