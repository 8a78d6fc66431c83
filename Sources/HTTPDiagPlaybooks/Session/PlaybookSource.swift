import HTTPDiagCore

/// Which playbooks to diagnose with: the built-in ones (compiled in, unless left out) and
/// the directories of `$HTTPDIAG_PLAYBOOKS` and `--playbooks`, which add to and override
/// them by id (hop signatures by name). Shared by every front end that diagnoses.
public struct PlaybookSource: Sendable, Equatable {
    /// Added to (and overriding) the built-in playbooks, in order, after those of
    /// `$HTTPDIAG_PLAYBOOKS`.
    public var directories: [String]
    /// Leave out the built-in playbooks: only the directories' (none at all without one:
    /// a probe without diagnosis).
    public var noDefaults: Bool
    /// `$HTTPDIAG_PLAYBOOKS` (`:`-separated), read when the source is made.
    public var environmentDirectories: [String]

    public init(
        directories: [String] = [],
        noDefaults: Bool = false,
        environmentDirectories: [String] = PlaybookLocator.environmentDirectories()
    ) {
        self.directories = directories
        self.noDefaults = noDefaults
        self.environmentDirectories = environmentDirectories
    }

    /// The directories of playbook files that add to the built-in ones.
    public var overrideDirectories: [String] { environmentDirectories + directories }

    /// What `playbooks lint` and `playbooks test` read: the source directory of the
    /// built-in playbooks when this binary can see it (the repository's `Playbooks/`;
    /// unless the defaults are left out), then the override directories.
    public var allDirectories: [String] {
        (noDefaults ? [] : PlaybookLocator.sourceDirectory().map { [$0] } ?? []) + overrideDirectories
    }

    /// For diagnosing: regexes are compiled when first used (`playbooks lint` checks them all).
    public func engine() throws(PlaybookError) -> DiagnosisEngine {
        DiagnosisEngine(library: try library(strict: false))
    }

    /// The playbooks, for commands that need at least one (`playbooks list`, `explain`).
    public func load(strict: Bool = true) throws(PlaybookError) -> [Playbook] {
        let playbooks = try library(strict: strict).playbooks
        if playbooks.isEmpty { throw .noPlaybooks }
        return playbooks
    }

    /// The built-in library (unless left out) with the override directories' files over
    /// it. Reads no file when there is no override directory.
    public func library(strict: Bool = true) throws(PlaybookError) -> PlaybookLibrary {
        let base: PlaybookLibrary = noDefaults ? .empty : BuiltinPlaybooks.library
        if !noDefaults && base.playbooks.isEmpty { throw .noBuiltinPlaybooks }
        return try Self.load(overrideDirectories, over: base, strict: strict)
    }

    /// The playbook files of `allDirectories`, validated (strictly by default), and the
    /// library they make: over the built-in one when the source directory is not among
    /// them (an installed binary linting its own additions). Throws when there is nothing
    /// to read: no directory, or one without playbook files.
    public func files(strict: Bool = true) throws(PlaybookError) -> PlaybookFiles {
        let dirs = allDirectories
        guard !dirs.isEmpty else { throw .noPlaybookFiles(builtin: noDefaults ? nil : BuiltinPlaybooks.playbooks.count) }
        let fromSource = !noDefaults && PlaybookLocator.sourceDirectory() != nil
        let base: PlaybookLibrary = noDefaults || fromSource ? .empty : BuiltinPlaybooks.library
        let own = try Self.guarded(dirs) { try PlaybookLoader.loadFiles(directories: dirs, strict: strict, base: base) }
        return PlaybookFiles(directories: dirs, library: base.overridden(by: own), own: own)
    }

    /// The files of `dirs` over `base`.
    static func load(_ dirs: [String], over base: PlaybookLibrary, strict: Bool) throws(PlaybookError) -> PlaybookLibrary {
        if dirs.isEmpty { return base }
        return try guarded(dirs) { try PlaybookLoader.loadLibrary(directories: dirs, strict: strict, base: base) }
    }

    /// Runs a load of `dirs`, every error as a PlaybookError; a directory that holds no
    /// playbook file is one (a mistake, not an empty addition).
    static func guarded(_ dirs: [String], _ load: () throws -> PlaybookLibrary) throws(PlaybookError) -> PlaybookLibrary {
        do {
            let loaded = try load()
            for dir in dirs where !PlaybookFiles.holdsPlaybookFiles(dir) { throw PlaybookError.noPlaybooksIn(dir) }
            return loaded
        } catch let e as PlaybookError {
            throw e
        } catch {
            throw PlaybookError(file: dirs.joined(separator: ", "), line: nil, message: "\(error)")
        }
    }

    /// The extra directories that cannot be read (checked before a probe: bad input).
    public func checkDirectories() throws(PlaybookError) {
        for dir in overrideDirectories where (try? FileManager.default.contentsOfDirectory(atPath: dir)) == nil {
            throw .unreadableDirectory(dir)
        }
    }
}

/// The playbook files `playbooks lint` and `playbooks test` read.
public struct PlaybookFiles: Sendable {
    public var directories: [String]
    /// What diagnoses: the files' playbooks and hops (over the built-in ones when the
    /// source directory is not among the directories).
    public var library: PlaybookLibrary
    /// The files' own playbooks and hops.
    public var own: PlaybookLibrary

    /// A `*.yaml` playbook or a `hops/*.yaml` signature is in the directory.
    static func holdsPlaybookFiles(_ dir: String) -> Bool {
        let isPlaybook = { (name: String) in name.hasSuffix(".yaml") && !name.hasSuffix(".cases.yaml") }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains(where: isPlaybook)
            || ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/hops")) ?? []).contains { $0.hasSuffix(".yaml") }
    }
}
