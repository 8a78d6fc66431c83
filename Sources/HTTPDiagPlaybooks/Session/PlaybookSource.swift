import HTTPDiagCore

/// Which playbooks to diagnose with: the default ones (unless left out) and extra
/// directories that add to and override them. Shared by every front end that diagnoses.
public struct PlaybookSource: Sendable, Equatable {
    /// Added to (and overriding) the default playbooks, in order.
    public var directories: [String]
    /// Use only `directories`.
    public var noDefaults: Bool

    public init(directories: [String] = [], noDefaults: Bool = false) {
        self.directories = directories
        self.noDefaults = noDefaults
    }

    /// The defaults (unless left out), then the extra directories.
    public var allDirectories: [String] { (noDefaults ? [] : PlaybookLocator.defaultDirectories()) + directories }

    /// For diagnosing: regexes are compiled when first used (`playbooks lint` checks them all).
    public func engine() throws(PlaybookError) -> DiagnosisEngine {
        DiagnosisEngine(library: try library(strict: false))
    }

    public func load(strict: Bool = true) throws(PlaybookError) -> [Playbook] { try library(strict: strict).playbooks }

    public func library(strict: Bool = true) throws(PlaybookError) -> PlaybookLibrary {
        do {
            return try PlaybookLoader.loadLibrary(directories: allDirectories, strict: strict)
        } catch let e as PlaybookError {
            throw e
        } catch {
            throw PlaybookError(file: allDirectories.joined(separator: ", "), line: nil, message: "\(error)")
        }
    }

    /// The extra directories that cannot be read (checked before a probe: bad input).
    public func checkDirectories() throws(PlaybookError) {
        for dir in directories where (try? FileManager.default.contentsOfDirectory(atPath: dir)) == nil {
            throw .unreadableDirectory(dir)
        }
    }
}
